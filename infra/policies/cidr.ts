/** IPv4 CIDR arithmetic for the cross-check: containment only. */
function parse(cidr: string): { base: number; prefix: number } {
  const [address, prefix] = cidr.split('/');
  const octets = address!.split('.').map(Number);
  const value = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const bits = Number(prefix);
  const size = 2 ** (32 - bits);
  return { base: value - (value % size), prefix: bits };
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parse(outer);
  const b = parse(inner);
  if (b.prefix < a.prefix) return false;
  const size = 2 ** (32 - a.prefix);
  return b.base >= a.base && b.base < a.base + size;
}
