import { describe, expect, it } from 'vitest';
import { isPinned, pinnedImages } from './pinned-images.js';
import { devContext } from './testing.js';

describe('image-pinned', () => {
  it('passes the committed render', () => expect(pinnedImages.check(devContext())).toStrictEqual([]));

  it('accepts tags and digests, refuses latest and untagged images', () => {
    expect(isPinned('registry:5000/team/app:1.2.3')).toBe(true);
    expect(isPinned(`app@sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isPinned('app:latest')).toBe(false);
    expect(isPinned('registry:5000/team/app')).toBe(false);
  });
});
