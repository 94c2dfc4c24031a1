/**
 * Reads a service's settings from environment variables, collecting every problem before failing,
 * so a misconfigured pod says everything that is wrong in one crash-loop, not one per restart.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is required`);
    return '';
  }

  optionalString(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
      return fallback;
    }
    return value;
  }

  list(name: string, fallback?: string): string[] {
    return this.string(name, fallback)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  oneOf<const T extends readonly string[]>(name: string, allowed: T, fallback: T[number]): T[number] {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (allowed.includes(raw)) return raw;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got '${raw}'`);
    return fallback;
  }

  /** Throws one error listing every problem, or returns the settings built from the values read. */
  done<T>(settings: T): T {
    if (this.problems.length > 0) throw new Error(`invalid settings:\n  ${this.problems.join('\n  ')}`);
    return settings;
  }
}
