import type { Setting, SettingNames, SettingsContract } from '../settings-contract.js';

export interface EnvReaderOptions {
  /**
   * Read an environment that was rendered for this service (a ConfigMap and the pod's env entries), not a process's
   * whole environment: every key must be declared, every `rendered: always` setting present, no `never` setting set,
   * and the reader must read every declared setting that no library reads on its own.
   */
  readonly strict?: boolean;
}

/** What a shared helper (database.ts, retention.ts) takes: any reader whose contract includes the settings of C. */
export interface SettingsReader<C extends SettingsContract> {
  string(name: SettingNames<C, 'string'>): string;
  optionalString(name: SettingNames<C, 'string'>): string | undefined;
  integer(name: SettingNames<C, 'integer'>, computed?: number): number;
  list(name: SettingNames<C, 'list'>): string[];
}

/**
 * Reads a service's settings from environment variables through the service's contract (its `settings-contract.ts`):
 * the names, types, bounds and defaults are the declaration's, so a reader cannot read a key the render does not know.
 * Every problem is collected before failing, so a misconfigured pod says everything that is wrong in one crash-loop.
 */
export class EnvReader<C extends SettingsContract> implements SettingsReader<C> {
  private readonly problems: string[] = [];
  private readonly read = new Set<string>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly contract: C,
    private readonly options: EnvReaderOptions = {},
  ) {}

  string(name: SettingNames<C, 'string'>): string {
    return this.raw(name) ?? this.fallback(name, this.declared(name).default as string | undefined) ?? '';
  }

  optionalString(name: SettingNames<C, 'string'>): string | undefined {
    return this.raw(name) ?? (this.declared(name).default as string | undefined);
  }

  /** `computed`: the default of a setting declared with `defaultFrom`, worked out by the caller. */
  integer(name: SettingNames<C, 'integer'>, computed?: number): number {
    const setting = this.declared(name);
    if (setting.type !== 'integer') throw new Error(`${name} is not declared as an integer`);
    const fallback = computed ?? setting.default;
    const raw = this.raw(name);
    if (raw === undefined) return this.fallback(name, fallback) ?? 0;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < setting.min || value > setting.max) {
      this.problems.push(`${name} must be an integer from ${setting.min} to ${setting.max}, got '${raw}'`);
      return fallback ?? 0;
    }
    return value;
  }

  list(name: SettingNames<C, 'list'>): string[] {
    const text = this.raw(name) ?? this.fallback(name, this.declared(name).default as string | undefined) ?? '';
    return text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  oneOf<K extends SettingNames<C, 'enum'>>(name: K): Extract<C[K], { type: 'enum' }>['values'][number] {
    const setting = this.declared(name);
    if (setting.type !== 'enum') throw new Error(`${name} is not declared as an enum`);
    const raw = this.raw(name);
    const fallback = this.fallback(name, setting.default) ?? '';
    if (raw === undefined) return fallback;
    if (setting.values.includes(raw)) return raw;
    this.problems.push(`${name} must be one of ${setting.values.join(', ')}, got '${raw}'`);
    return fallback;
  }

  /** Throws one error listing every problem, or returns the settings built from the values read. */
  done<T>(settings: T): T {
    const problems = this.options.strict ? [...this.problems, ...this.strictProblems()] : this.problems;
    if (problems.length > 0) throw new Error(`invalid settings:\n  ${problems.join('\n  ')}`);
    return settings;
  }

  private strictProblems(): string[] {
    const problems: string[] = [];
    for (const name of Object.keys(this.env).sort()) {
      const setting = this.contract[name];
      if (setting === undefined) problems.push(`${name} is set but is no setting of this service (a misspelt key?)`);
      else if (setting.rendered === 'never') problems.push(`${name} must not be rendered: ${setting.description}`);
    }
    for (const [name, setting] of Object.entries(this.contract)) {
      if (setting.rendered === 'always' && this.env[name] === undefined)
        problems.push(`${name} is required from the render (rendered: always) but is not set`);
      if (setting.readBy === undefined && !this.read.has(name))
        problems.push(`${name} is declared but the reader never reads it`);
    }
    return problems;
  }

  private declared(name: string): Setting {
    const setting = this.contract[name];
    if (setting === undefined) throw new Error(`${name} is not declared in the service's settings contract`);
    this.read.add(name);
    return setting;
  }

  private raw(name: string): string | undefined {
    this.declared(name);
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  /** The default, or a problem when there is none and the setting is not optional. */
  private fallback<T>(name: string, fallback: T | undefined): T | undefined {
    if (fallback === undefined && !this.declared(name).optional) this.problems.push(`${name} is required`);
    return fallback;
  }
}
