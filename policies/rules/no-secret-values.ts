import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';
import { podTemplates } from '../validate/rendered.js';

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL)/i;
// A variable that names where a Secret is mounted (`*_FILE`, an absolute path) carries the file's place, not its secret.
const MOUNTED_FILE = (name: string, value: string) => name.endsWith('_FILE') && value.startsWith('/');
const SECRET_VALUE = [/AKIA[0-9A-Z]{16}/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /postgres(ql)?:\/\/[^:\s/]+:[^@\s]+@/];

export const noSecretValues: PolicyRule = {
  id: 'no-secret-values',
  description: 'Manifests reference secrets and never carry their values',
  check(ctx) {
    const found = [];
    for (const at of ctx.objects) {
      if (at.object.kind === 'Secret' && (at.object.data || at.object.stringData)) {
        found.push(
          finding(
            ctx,
            this.id,
            at,
            'is a Secret with its values in git',
            'sync it from AWS Secrets Manager with an ExternalSecret',
          ),
        );
      }
      const text = JSON.stringify(at.object);
      for (const pattern of SECRET_VALUE) {
        if (pattern.test(text))
          found.push(
            finding(
              ctx,
              this.id,
              at,
              `contains something that looks like a credential (${pattern.source})`,
              'reference a Secret instead',
            ),
          );
      }
    }
    for (const { owner, template } of podTemplates(ctx.objects)) {
      for (const container of [...(template?.spec?.containers ?? []), ...(template?.spec?.initContainers ?? [])]) {
        for (const variable of container.env ?? []) {
          if (
            SECRET_NAME.test(variable.name) &&
            variable.value !== undefined &&
            !MOUNTED_FILE(variable.name, String(variable.value))
          ) {
            found.push(
              finding(
                ctx,
                this.id,
                owner,
                `container ${container.name} sets ${variable.name} to a literal value`,
                'use valueFrom.secretKeyRef',
              ),
            );
          }
        }
      }
    }
    return found;
  },
};
