import fs from 'node:fs';
import path from 'node:path';
import { makeServerDir } from '../stack/postgres.js';

// A segment is copied under a temporary name and renamed when complete, so a reader never sees half a file.
const PARTIAL = '.part';

/**
 * The WAL archive of the drill's source: a folder the server's archive_command copies every completed segment into
 * (the local stand-in for S3), and frozen copies of it as it stood at a moment (hard links: instant, no space).
 */
export class WalArchive {
  constructor(readonly dir: string) {}

  create(): void {
    makeServerDir(this.dir);
  }

  /** archive_command: never overwrite a segment already archived (the documented safe form), copy, then rename. */
  archiveCommand(): string {
    const target = path.join(this.dir, '%f');
    return `test ! -f ${target} && cp %p ${target}${PARTIAL} && mv ${target}${PARTIAL} ${target}`;
  }

  /** Whether a segment has been archived completely. */
  holds(file: string): boolean {
    return fs.existsSync(path.join(this.dir, file));
  }

  /** The archive as it stands now, hard-linked into `into`: what survives a failure at this moment. */
  freeze(into: string): string[] {
    makeServerDir(into);
    const files = fs.readdirSync(this.dir).filter((f) => !f.endsWith(PARTIAL));
    for (const file of files) fs.linkSync(path.join(this.dir, file), path.join(into, file));
    return files.sort();
  }
}
