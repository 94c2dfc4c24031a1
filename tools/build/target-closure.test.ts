import { describe, expect, it } from 'vitest';
import type { Lockfile } from './target-closure.js';
import { packageClosure } from './target-closure.js';

// A package with a native binary per platform as optional dependencies, as @node-rs/crc32 ships.
const lock: Lockfile = {
  packages: {
    '': { dependencies: { hasher: '1.0.0' } },
    'node_modules/hasher': {
      optionalDependencies: {
        'hasher-linux-x64-gnu': '1.0.0',
        'hasher-linux-x64-musl': '1.0.0',
        'hasher-win32-x64': '1.0.0',
      },
    },
    'node_modules/hasher-linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
    'node_modules/hasher-linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
    'node_modules/hasher-win32-x64': { os: ['win32'], cpu: ['x64'] },
  },
};
const imports = new Map([['hasher', 'dist/a.js']]);

describe('packageClosure', () => {
  it('takes the optional binary npm installs on the image’s platform and none of the others', () => {
    expect(packageClosure(lock, imports, { os: 'linux', cpu: 'x64', libc: 'glibc' })).toStrictEqual([
      'node_modules/hasher',
      'node_modules/hasher-linux-x64-gnu',
    ]);
    expect(packageClosure(lock, imports, { os: 'linux', cpu: 'x64', libc: 'musl' })).toStrictEqual([
      'node_modules/hasher',
      'node_modules/hasher-linux-x64-musl',
    ]);
    expect(packageClosure(lock, imports, { os: 'linux', cpu: 'arm64', libc: 'glibc' })).toStrictEqual([
      'node_modules/hasher',
    ]);
  });

  // The third binary's os list replaced; the closure taken on a platform none of the others match.
  const closureWithOs = (os: string[]) =>
    packageClosure({ packages: { ...lock.packages, 'node_modules/hasher-win32-x64': { os } } }, imports, {
      os: 'linux',
      cpu: 'arm64',
      libc: 'glibc',
    });

  it('takes a package whose list only excludes other platforms', () => {
    expect(closureWithOs(['!win32'])).toStrictEqual(['node_modules/hasher', 'node_modules/hasher-win32-x64']);
  });

  it('honours an exclusion', () => {
    expect(closureWithOs(['!linux'])).toStrictEqual(['node_modules/hasher']);
  });
});
