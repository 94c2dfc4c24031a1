import type { MonthlyCost } from './model.js';
import { NOT_PRICED } from './model.js';

const dollars = (value: number, maximumFractionDigits = 2): string =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits })}`;

/** The line items of one environment as a plain-text table. */
export function formatCost(cost: MonthlyCost): string {
  const rows = cost.lines.map((l) => [l.item, `${l.quantity} ${l.unit}`, dollars(l.unitPrice, 4), dollars(l.monthly)]);
  const header = ['item', 'quantity', 'unit price', 'per month'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    `${cost.environment}: ${dollars(cost.total)} per month (on-demand list prices of ${cost.pricedAt}, as of ${cost.asOf}; 730 hours)`,
    format(header),
    ...rows.map(format),
    `at max replicas: ${cost.atMaxReplicas.nodes} nodes of the first group, ${dollars(cost.atMaxReplicas.total)} per month`,
    ...cost.notes.map((note) => `note: ${note}`),
    `not priced (usage-based): ${NOT_PRICED.join('; ')}`,
  ].join('\n');
}
