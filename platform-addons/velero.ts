/**
 * Velero and its AWS plugin are released in lockstep: each plugin minor works with exactly one Velero minor
 * (velero-plugin-for-aws README, "Compatibility"; plugin v1.14.3's go.mod requires velero v1.18.1). A mismatched pair
 * loads, then fails backups at run time, so `npm run validate` checks the pair against this table.
 */
export const VELERO_AWS_PLUGIN_COMPATIBILITY: Readonly<Record<string, string>> = {
  // Velero minor → plugin minor
  '1.13': '1.9',
  '1.14': '1.10',
  '1.15': '1.11',
  '1.16': '1.12',
  '1.17': '1.13',
  '1.18': '1.14',
};

/** The Velero release the chart (12.1.0) ships; its CRDs are validated from the same module version. */
export const VELERO_VERSION = 'v1.18.1';
export const VELERO_AWS_PLUGIN_VERSION = 'v1.14.3';

export function minorOf(version: string): string {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`not a version: ${version}`);
  return `${match[1]}.${match[2]}`;
}

/** Why the pair does not work, or undefined when it does. */
export function veleroPluginMismatch(velero: string, plugin: string): string | undefined {
  const expected = VELERO_AWS_PLUGIN_COMPATIBILITY[minorOf(velero)];
  if (expected === undefined) return `Velero ${velero} is not in the plugin compatibility table; add its row`;
  if (minorOf(plugin) !== expected)
    return `velero-plugin-for-aws ${plugin} does not match Velero ${velero}: the compatible plugin line is v${expected}.x`;
  return undefined;
}
