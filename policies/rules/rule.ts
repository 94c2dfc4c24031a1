import type { Finding } from '../validate/findings.js';
import { resourceId } from '../validate/findings.js';
import type { RenderedObject, ValidationContext } from '../validate/rendered.js';

/** One of the project's own policy rules: pure, over the rendered objects of one environment. */
export interface PolicyRule {
  readonly id: string;
  readonly description: string;
  check(ctx: ValidationContext): Finding[];
}

/** A finding about one rendered object. */
export function finding(
  ctx: ValidationContext,
  rule: string,
  at: RenderedObject,
  message: string,
  fix: string,
): Finding {
  return {
    severity: 'error',
    environment: ctx.environment,
    file: at.file,
    resource: resourceId(at.object),
    rule,
    message,
    fix,
  };
}
