/** Folders the compiled services read at run time, copied next to dist/ by `npm run build` (the SQL migrations). */
export const RUNTIME_ASSETS = ['services/db/migrations'];
