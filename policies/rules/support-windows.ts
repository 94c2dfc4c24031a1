import { resolveAddons } from '../../platform-addons/catalog.js';
import { ARGOCD_VERSION } from '../../platform-addons/argocd.js';
import type { SupportedProduct } from '../../platform-addons/support-windows.js';
import { SUPPORT_WINDOWS } from '../../platform-addons/support-windows.js';
import { minorOf } from '../../platform-addons/velero.js';
import type { Finding } from '../validate/findings.js';
import type { ValidationContext } from '../validate/rendered.js';
import type { PolicyRule } from './rule.js';

const WARNING_DAYS = 90;
const DAY_MS = 86_400_000;
const TABLE = 'platform-addons/support-windows.ts';

interface Pin {
  readonly product: SupportedProduct;
  readonly version: string;
  readonly pinnedIn: string;
}

function pinsOf(ctx: ValidationContext): Pin[] {
  const envFile = `environments/${ctx.environment}/env.yaml`;
  return [
    { product: 'kubernetes', version: ctx.config.kubernetesVersion, pinnedIn: `${envFile} kubernetesVersion` },
    { product: 'argo-cd', version: ARGOCD_VERSION, pinnedIn: 'platform-addons/argocd.ts' },
    ...resolveAddons(ctx.config).map((addon) => ({
      product: addon.name,
      version: addon.version,
      pinnedIn: `platform-addons/catalog.ts (${addon.name})`,
    })),
  ];
}

/** Today as a UTC date; `SUPPORT_WINDOWS_TODAY` (YYYY-MM-DD) replays another day. */
export function today(): Date {
  return new Date(`${process.env.SUPPORT_WINDOWS_TODAY ?? new Date().toISOString().slice(0, 10)}T00:00:00Z`);
}

/** Findings for pinned versions near or past their end of support, or missing from the table, as of `now`. */
export function supportWindowFindings(ctx: ValidationContext, now: Date): Finding[] {
  return pinsOf(ctx).flatMap((pin): Finding[] => {
    const base = {
      environment: ctx.environment,
      file: TABLE,
      resource: `${pin.product}@${pin.version}`,
      rule: 'support-window',
    };
    const window = SUPPORT_WINDOWS.find((w) => w.product === pin.product && w.minor === minorOf(pin.version));
    if (!window)
      return [
        {
          ...base,
          severity: 'error',
          message: `${pin.product} ${pin.version} (${pin.pinnedIn}) has no row in the support-window table`,
          fix: `add its end of support and the source of that date to ${TABLE}`,
        },
      ];
    if (window.endOfSupport === null) return [];
    const daysLeft = Math.floor((Date.parse(`${window.endOfSupport}T00:00:00Z`) - now.getTime()) / DAY_MS);
    if (daysLeft < 0)
      return [
        {
          ...base,
          severity: 'error',
          message: `${pin.product} ${pin.version} (${pin.pinnedIn}) went out of support on ${window.endOfSupport}`,
          fix: `move to a supported ${pin.product} release and add its row to ${TABLE}`,
        },
      ];
    if (daysLeft <= WARNING_DAYS)
      return [
        {
          ...base,
          severity: 'warning',
          message: `${pin.product} ${pin.version} (${pin.pinnedIn}) goes out of support on ${window.endOfSupport}, in ${daysLeft} days`,
          fix: `plan the upgrade now; the check fails after ${window.endOfSupport}`,
        },
      ];
    return [];
  });
}

export const supportWindows: PolicyRule = {
  id: 'support-window',
  description: `Every pinned version is in its support window: a warning ${WARNING_DAYS} days before its end, an error after`,
  check: (ctx) => supportWindowFindings(ctx, today()),
};
