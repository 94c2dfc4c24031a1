import type { RecordedResource } from '../testing/mocks.js';
import type { InfraPolicy, Violation } from './policy.js';
import { TYPES, ofType, violation } from './policy.js';

export const MIN_BACKUP_DAYS = 7;

/** The timeouts the services rely on (docs/services.md): each must be set to something other than "never". */
export const REQUIRED_TIMEOUTS = ['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout'];

function parametersOf(instance: RecordedResource, all: readonly RecordedResource[]): Map<string, string> {
  const group = ofType(all, TYPES.dbParameterGroup).find((g) => g.inputs.name === instance.inputs.parameterGroupName);
  return new Map(((group?.inputs.parameters ?? []) as { name: string; value: string }[]).map((p) => [p.name, p.value]));
}

const NEVER_PUBLIC = 'RDS is never publicly accessible';

/** RDS instances are never publicly accessible (the default of the API is private; this insists on it explicitly). */
export const databaseNeverPublic: InfraPolicy = {
  name: NEVER_PUBLIC,
  check: (resources) =>
    ofType(resources, TYPES.dbInstance)
      .filter((db) => db.inputs.publiclyAccessible !== false)
      .map((db) =>
        violation(
          NEVER_PUBLIC,
          db,
          `instance ${db.inputs.identifier} is not explicitly private (publiclyAccessible: ${String(db.inputs.publiclyAccessible)})`,
        ),
      ),
};

const SAFE_SETTINGS = 'RDS forces TLS, keeps point-in-time backups and ends stuck sessions';

/** Every instance forces TLS, keeps ≥ 7 days of backups (point-in-time restore), and carries the services' timeouts. */
export const databaseSafeSettings: InfraPolicy = {
  name: SAFE_SETTINGS,
  check(resources) {
    const violations: Violation[] = [];
    for (const db of ofType(resources, TYPES.dbInstance)) {
      const parameters = parametersOf(db, resources);
      if (parameters.get('rds.force_ssl') !== '1') {
        violations.push(
          violation(
            SAFE_SETTINGS,
            db,
            `instance ${db.inputs.identifier} accepts connections without TLS (rds.force_ssl is not 1)`,
          ),
        );
      }
      const retention = Number(db.inputs.backupRetentionPeriod ?? 0);
      if (retention < MIN_BACKUP_DAYS) {
        violations.push(
          violation(
            SAFE_SETTINGS,
            db,
            `instance ${db.inputs.identifier} keeps ${retention} days of backups, below ${MIN_BACKUP_DAYS}`,
          ),
        );
      }
      for (const timeout of REQUIRED_TIMEOUTS) {
        const value = Number(parameters.get(timeout) ?? 0);
        if (!(value > 0))
          violations.push(violation(SAFE_SETTINGS, db, `instance ${db.inputs.identifier} has no ${timeout}`));
      }
    }
    return violations;
  },
};

const PRODUCTION = 'production RDS survives a zone and a mistaken delete';

/** For production: Multi-AZ, deletion protection, ≥ 7 days of backups. */
export const productionDatabase: InfraPolicy = {
  name: PRODUCTION,
  check(resources) {
    const violations: Violation[] = [];
    for (const db of ofType(resources, TYPES.dbInstance)) {
      if (db.inputs.multiAz !== true)
        violations.push(violation(PRODUCTION, db, `instance ${db.inputs.identifier} is not Multi-AZ`));
      if (db.inputs.deletionProtection !== true) {
        violations.push(violation(PRODUCTION, db, `instance ${db.inputs.identifier} has no deletion protection`));
      }
      if (Number(db.inputs.backupRetentionPeriod ?? 0) < MIN_BACKUP_DAYS) {
        violations.push(
          violation(
            PRODUCTION,
            db,
            `instance ${db.inputs.identifier} keeps fewer than ${MIN_BACKUP_DAYS} days of backups`,
          ),
        );
      }
    }
    return violations;
  },
};
