/** Parses a CPU quantity that the schema accepted (250m, 1, 1.5) into millicores. */
export function cpuMillis(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Math.round(Number(quantity) * 1000);
}

/** Parses a memory quantity that the schema accepted (256Mi, 2Gi) into mebibytes. */
export function memoryMebibytes(quantity: string): number {
  const amount = Number(quantity.slice(0, -2));
  return quantity.endsWith('Gi') ? amount * 1024 : amount;
}
