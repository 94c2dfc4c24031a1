import { describe, expect, it } from 'vitest';
import { ADDON_NAMES } from '../config/addons.js';
import { ADDONS } from './catalog.js';

describe('the add-on catalog', () => {
  it('defines exactly the add-ons the config accepts, each once', () => {
    expect(ADDONS.map((a) => a.name)).toStrictEqual([...ADDON_NAMES]);
  });
});
