import type { RenderedSettings, Setting, SettingsContract } from '../../services/shared/settings-contract.js';

function rendered(service: string, name: string, setting: Setting | undefined, value: unknown): string {
  if (setting === undefined)
    throw new Error(`${service}: ${name} is not a setting of ${service} (its settings-contract.ts)`);
  if (setting.rendered === 'never') throw new Error(`${service}: ${name} must not be rendered: ${setting.description}`);
  if (setting.secret) throw new Error(`${service}: ${name} comes from a Secret: render a reference, not a value`);
  if (setting.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < setting.min || value > setting.max)
      throw new Error(
        `${service}: ${name} must be an integer from ${setting.min} to ${setting.max}, got ${String(value)}`,
      );
    return String(value);
  }
  if (setting.type === 'list') return (value as readonly string[]).join(',');
  if (setting.type === 'enum' && !setting.values.includes(value as string))
    throw new Error(`${service}: ${name} must be one of ${setting.values.join(', ')}, got ${String(value)}`);
  return value as string;
}

/**
 * A service's rendered settings (a ConfigMap's data or a container's env) from its declared contract: every key is a
 * declared setting, every `rendered: always` one is present, values are within the declared bounds. The types catch a
 * misspelt key where the values are written literally; this catches it where they are spread from a helper.
 */
export function renderSettings<C extends SettingsContract>(
  service: string,
  contract: C,
  values: RenderedSettings<C>,
): Record<string, string> {
  const given = values as Record<string, unknown>;
  const missing = Object.entries(contract)
    .filter(([name, s]) => s.rendered === 'always' && !s.secret && given[name] === undefined)
    .map(([name]) => name);
  if (missing.length > 0) throw new Error(`${service}: the render must set ${missing.join(', ')} (rendered: always)`);
  return Object.fromEntries(
    Object.entries(given)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]): [string, string] => [name, rendered(service, name, contract[name], value)])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
