/**
 * A service's settings, declared once as plain data (name, type, default, whether the render must set it, what it is
 * for). The service reads its environment through the declaration (shared/runtime/env-reader.ts), the
 * generators render ConfigMaps and env entries from it, and a test reads every rendered environment with every reader
 * in strict mode. Declaration files (`settings-contract.ts`) import nothing but each other: generators/ may import
 * them and nothing else of services/ (tools/lint/import-boundaries.js).
 */

/**
 * Whether the render sets a setting: `always` (every environment's render must; strict mode refuses its absence),
 * `may` (a tuning knob; the default applies when it is not rendered), `never` (local runs and tests only; strict mode
 * refuses it in a rendered environment).
 */
export type Rendered = 'always' | 'may' | 'never';

interface SettingBase {
  readonly description: string;
  readonly rendered: Rendered;
  /** Unset, no default and not optional: the service refuses to start. */
  readonly optional?: boolean;
  /**
   * The code that reads this variable from the environment itself (a library such as pg, or a start-up check), not
   * the service's settings reader: strict mode then does not expect the reader to read it.
   */
  readonly readBy?: string;
  /** Comes from a Secret: the render writes a reference (secretKeyRef), never a value. */
  readonly secret?: boolean;
}

export interface StringSetting extends SettingBase {
  readonly type: 'string';
  readonly default?: string;
}

export interface IntegerSetting extends SettingBase {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
  /** A default computed from other settings, in words; the reader computes it. */
  readonly defaultFrom?: string;
}

/** Comma-separated. */
export interface ListSetting extends SettingBase {
  readonly type: 'list';
  readonly default?: string;
}

export interface EnumSetting extends SettingBase {
  readonly type: 'enum';
  readonly values: readonly string[];
  readonly default?: string;
}

export type Setting = StringSetting | IntegerSetting | ListSetting | EnumSetting;

/** Environment variable name → its declaration. */
export type SettingsContract = Readonly<Record<string, Setting>>;

/** The names of a contract's settings of one type. */
export type SettingNames<C extends SettingsContract, T extends Setting['type']> = {
  [K in keyof C & string]: C[K]['type'] extends T ? K : never;
}[keyof C & string];

/** The value the render gives a setting: a number for an integer, the allowed strings for an enum. */
export type SettingValue<S extends Setting> = S extends IntegerSetting
  ? number
  : S extends EnumSetting
    ? S['values'][number]
    : S extends ListSetting
      ? readonly string[]
      : string;

type NamesRendered<C extends SettingsContract, R extends Rendered> = {
  [K in keyof C & string]: C[K] extends { secret: true } ? never : C[K]['rendered'] extends R ? K : never;
}[keyof C & string];

/** The values a render passes for a contract: every `always` setting, any `may` one, no `never` one, no Secret. */
export type RenderedSettings<C extends SettingsContract> = {
  readonly [K in NamesRendered<C, 'always'>]: SettingValue<C[K]>;
} & { readonly [K in NamesRendered<C, 'may'>]?: SettingValue<C[K]> };

/** An integer the service has a default for and the render may tune: most settings are one. */
export function tunable(min: number, max: number, fallback: number, description: string) {
  return { type: 'integer', min, max, default: fallback, rendered: 'may', description } as const;
}
