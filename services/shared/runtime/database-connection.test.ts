import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseClientConfig, databaseSsl } from './database-connection.js';

describe('database TLS settings', () => {
  it('is plaintext only when asked (the local stack), and verifies the server otherwise', () => {
    expect(databaseSsl({})).toBe(false);
    expect(databaseSsl({ DATABASE_SSL_MODE: 'disable' })).toBe(false);
    expect(databaseSsl({ DATABASE_SSL_MODE: 'verify-full' })).toStrictEqual({ rejectUnauthorized: true });
  });

  it('trusts the CA bundle it is given', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'bundle.pem');
    fs.writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(databaseSsl({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: file })).toStrictEqual({
      rejectUnauthorized: true,
      ca: fs.readFileSync(file, 'utf8'),
    });
  });

  it('refuses a mode that would accept any certificate, and a CA file that is missing or not PEM', () => {
    expect(() => databaseSsl({ DATABASE_SSL_MODE: 'require' })).toThrow(
      'DATABASE_SSL_MODE must be one of disable, verify-full, got "require"',
    );
    expect(() => databaseSsl({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: '/nonexistent.pem' })).toThrow(
      'DATABASE_SSL_CA_FILE /nonexistent.pem cannot be read',
    );
    const notPem = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'x.pem');
    fs.writeFileSync(notPem, 'hello');
    expect(() => databaseSsl({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: notPem })).toThrow(
      'holds no PEM certificate',
    );
  });

  it('takes DATABASE_URL when it is set, else leaves the PG* variables to pg', () => {
    expect(databaseClientConfig({ DATABASE_URL: 'postgres://h/db' })).toStrictEqual({
      connectionString: 'postgres://h/db',
      ssl: false,
    });
    expect(databaseClientConfig({ PGHOST: 'h' })).toStrictEqual({ ssl: false });
  });
});
