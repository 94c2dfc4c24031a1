/**
 * The longest time between two runs of a five-field cron schedule (minute hour day-of-month month day-of-week), found
 * by walking four weeks minute by minute: what an alert on "no run for too long" must tolerate. Supports `*`, lists,
 * ranges and steps; day-of-month and day-of-week restricted together match either, as cron does.
 */
export function longestCronGapSeconds(schedule: string): number {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected five cron fields, got '${schedule}'`);
  const [minute, hour, dom, month, dow] = [
    parseField(fields[0]!, 0, 59),
    parseField(fields[1]!, 0, 23),
    parseField(fields[2]!, 1, 31),
    parseField(fields[3]!, 1, 12),
    parseField(fields[4]!.replace(/\b7\b/g, '0'), 0, 6),
  ];
  const domRestricted = fields[2] !== '*';
  const dowRestricted = fields[4] !== '*';
  const start = Date.UTC(2026, 0, 5); // a Monday; four weeks from it cover every weekly pattern twice
  const runs: number[] = [];
  for (let t = start; t < start + 28 * 86_400_000; t += 60_000) {
    const d = new Date(t);
    if (!minute.has(d.getUTCMinutes()) || !hour.has(d.getUTCHours()) || !month.has(d.getUTCMonth() + 1)) continue;
    const byDom = dom.has(d.getUTCDate());
    const byDow = dow.has(d.getUTCDay());
    const day = domRestricted && dowRestricted ? byDom || byDow : byDom && byDow;
    if (day) runs.push(t);
  }
  if (runs.length < 2) throw new Error(`'${schedule}' runs less than twice in four weeks`);
  let longest = 0;
  for (let i = 1; i < runs.length; i += 1) longest = Math.max(longest, runs[i]! - runs[i - 1]!);
  return longest / 1000;
}

function parseField(field: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] =
      range === '*'
        ? [min, max]
        : range!.includes('-')
          ? range!.split('-').map(Number)
          : [Number(range), stepText ? max : Number(range)];
    if (![from, to, step].every(Number.isInteger) || from! < min || to! > max || step < 1)
      throw new Error(`cron field '${field}' is outside ${min}-${max}`);
    for (let v = from!; v <= to!; v += step) values.add(v);
  }
  return values;
}
