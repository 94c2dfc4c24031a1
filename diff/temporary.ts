import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Temporary folders still in use, removed when the process exits however it ends (an error, or a signal that the
// command turns into an exit), so an interrupted diff leaves nothing behind in the temporary directory.
const inUse = new Set<string>();

process.once('exit', () => {
  for (const dir of inUse) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder; remove it with fs.rmSync when done (it is removed at exit otherwise). */
export function temporaryDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  inUse.add(dir);
  return dir;
}
