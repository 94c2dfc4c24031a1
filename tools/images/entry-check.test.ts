import { describe, expect, it } from 'vitest';
import { commandScript, missingEntryFiles } from './entry-check.js';

const api = {
  Entrypoint: ['docker-entrypoint.sh'],
  Cmd: ['node', '--enable-source-maps', 'dist/services/api/main.js'],
  WorkingDir: '/app',
};

describe('the files an image must hold to start', () => {
  it('finds the script node runs through the base image entry point, relative to the working directory', () => {
    expect(commandScript(api)).toBe('/app/dist/services/api/main.js');
  });

  it('finds the script of an ENTRYPOINT that runs node itself', () => {
    const drills = { Entrypoint: ['node', '--enable-source-maps', 'dist/services/drills/main.js'], WorkingDir: '/app' };
    expect(commandScript(drills)).toBe('/app/dist/services/drills/main.js');
  });

  it('reports a command whose script the image lacks, and a listed entry point it lacks', () => {
    const present = new Set(['/app/dist/services/bootstrap/main.js']);
    const missing = missingEntryFiles(
      { ...api, Cmd: ['node', 'dist/services/api/mian.js'] },
      ['dist/services/bootstrap/main.js', 'dist/services/bootstrap/schema-ready.js'],
      (file) => present.has(file),
    );
    expect(missing).toStrictEqual(['/app/dist/services/api/mian.js', '/app/dist/services/bootstrap/schema-ready.js']);
  });

  it('reports nothing when every file is there', () => {
    expect(missingEntryFiles(api, ['dist/services/bootstrap/main.js'], () => true)).toStrictEqual([]);
  });

  it('refuses a command that runs no node script, since nothing could be checked', () => {
    expect(() => missingEntryFiles({ Cmd: ['sh'], WorkingDir: '/app' }, [], () => true)).toThrow(/runs no node script/);
  });
});
