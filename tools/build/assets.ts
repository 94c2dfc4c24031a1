/**
 * Folders the compiled services read at run time, copied next to dist/ by `npm run build` (the SQL migrations), each
 * with the module that reads it: an image holds a folder only when that module is part of its code.
 */
export const RUNTIME_ASSETS = [{ folder: 'services/db/migrations', readBy: 'services/db/migrate.ts' }] as const;
