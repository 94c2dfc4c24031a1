import type { Linter } from 'eslint';

/** One ESLint config block per top-level folder, restricting what it may import (see import-boundaries.js). */
export function importBoundaries(options: { readonly enforceServices: boolean }): Linter.Config[];
