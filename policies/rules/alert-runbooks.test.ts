import { describe, expect, it } from 'vitest';
import { alertRunbooks } from './alert-runbooks.js';
import { devContext, objectNamed } from './testing.js';

describe('alert-has-runbook', () => {
  it('passes the committed render', () => expect(alertRunbooks.check(devContext())).toStrictEqual([]));

  it('flags a runbook_url that does not point into docs/runbooks', () => {
    const ctx = devContext();
    objectNamed(ctx, 'PrometheusRule', 'event-platform-slos').spec.groups[0].rules[1].annotations.runbook_url =
      'https://wiki.example/x';
    expect(alertRunbooks.check(ctx).map((f) => f.message)).toStrictEqual([
      "alert EventsApiErrorRatioHigh has runbook_url 'https://wiki.example/x', not one ending in /docs/runbooks/EventsApiErrorRatioHigh.md",
    ]);
  });
});
