import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface StandInCa {
  /** The CA the images are built to trust where they expect RDS's bundle. */
  readonly caFile: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A CA of the rehearsal's own and a server certificate it signs for `host` (a DNS name only, as RDS's endpoint):
 * the services verify the stand-in database exactly as they verify RDS (`verify-full`), against this CA instead of
 * Amazon's.
 */
export function makeStandInCa(dir: string, host: string): StandInCa {
  const made: StandInCa = {
    caFile: path.join(dir, 'ca.crt'),
    serverCert: path.join(dir, 'server.crt'),
    serverKey: path.join(dir, 'server.key'),
  };
  // Kept between runs: the images hold the CA, and a new one would change them and rebuild them every time.
  const stamp = path.join(dir, 'host');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === host) return made;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const subj = (cn: string) => ['-subj', `/CN=${cn}`];
  openssl(
    dir,
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', ...subj('deploy-check stand-in CA')].concat([
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
    ]),
  );
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', ...subj(host), '-keyout', 'server.key', '-out', 'server.csr']);
  fs.writeFileSync(path.join(dir, 'san.ext'), `subjectAltName = DNS:${host}\n`);
  openssl(
    dir,
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
      '-days',
      '3650',
      '-extfile',
      'san.ext',
      '-out',
      'server.crt',
    ]),
  );
  fs.writeFileSync(stamp, host);
  return made;
}
