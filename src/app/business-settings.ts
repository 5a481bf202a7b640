// Every business setting by its dotted path (`policy.lateness.lateDays`, `schedule.digestTime`): list
// them with their defaults, change one, or put one back to its default. Each change is validated
// by the schema of the feature that owns the group before anything is stored, and is recorded with
// who made it; a bad value changes nothing.
import type { z } from 'zod';
import { UserError } from '../shared/errors.ts';
import {
  issuesText,
  readSettings,
  type SettingsGroup,
  storedSettings,
  writeSettings,
} from '../store/settings.ts';
import type { SqlConn } from '../store/sql.ts';
import { commandSettings } from './commands/settings.ts';
import { companySettings } from './company-settings.ts';
import { KPI_SETTINGS } from './compute-kpis.ts';
import { IMPORT_SETTINGS } from './import-settings.ts';
import { outreachSettings } from './outreach/outreach-settings.ts';
import { policySettings } from './policy-settings.ts';
import { ALERT_SETTINGS } from './scan-alerts.ts';
import { SCHEDULE_SETTINGS } from './schedule-settings.ts';

// biome-ignore lint/suspicious/noExplicitAny: the groups have different schemas
const GROUPS: SettingsGroup<any>[] = [
  companySettings,
  policySettings,
  commandSettings,
  ALERT_SETTINGS,
  SCHEDULE_SETTINGS,
  KPI_SETTINGS,
  IMPORT_SETTINGS,
  outreachSettings,
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SettingLine {
  path: string;
  /** The value in effect, as JSON text. */
  value: string;
  /** The built-in default, as JSON text. */
  defaultValue: string;
  /** Stored (differs from the default, or was set explicitly). */
  stored: boolean;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaves of a settings object as [dotted path, value]; arrays are one value. */
function leaves(value: JsonObject, prefix: string): [string, Json][] {
  return Object.entries(value).flatMap(([key, v]) =>
    isObject(v) ? leaves(v, `${prefix}${key}.`) : [[`${prefix}${key}`, v] as [string, Json]],
  );
}

async function storedValue(conn: SqlConn, key: string): Promise<JsonObject> {
  return (await storedSettings(conn, key)) as JsonObject;
}

function lookup(value: JsonObject, path: readonly string[]): Json | undefined {
  let at: Json | undefined = value;
  // Own keys only: a typed path must not reach Object.prototype ("constructor", "__proto__").
  for (const key of path) at = isObject(at) && Object.hasOwn(at, key) ? at[key] : undefined;
  return at;
}

/** One group's settings with the value in effect and the default of each. */
async function groupLines(conn: SqlConn, group: SettingsGroup<z.ZodType>): Promise<SettingLine[]> {
  const effective = (await readSettings(conn, group)) as JsonObject;
  const stored = await storedValue(conn, group.key);
  return leaves(effective, '').map(([path, value]) => {
    const parts = path.split('.');
    return {
      path: `${group.key}.${path}`,
      value: JSON.stringify(value),
      defaultValue: JSON.stringify(lookup(group.defaults as JsonObject, parts)),
      stored: lookup(stored, parts) !== undefined,
    };
  });
}

/** Every setting with its value in effect and its default, grouped and in a stable order. */
export async function listSettings(conn: SqlConn): Promise<SettingLine[]> {
  const out: SettingLine[] = [];
  for (const group of GROUPS) out.push(...(await groupLines(conn, group)));
  return out;
}

/** The group and the path inside it of a known setting; a clear error naming the close ones otherwise. */
function resolve(path: string, exitCode: 1 | 2 = 1): { group: SettingsGroup<z.ZodType>; keys: string[] } {
  const [groupKey = '', ...keys] = path.split('.');
  const group = GROUPS.find((g) => g.key === groupKey);
  const leaf = group && keys.length ? lookup(group.defaults as JsonObject, keys) : undefined;
  if (group && leaf !== undefined && !isObject(leaf)) return { group, keys };
  const known = GROUPS.flatMap((g) => leaves(g.defaults as JsonObject, `${g.key}.`).map(([p]) => p));
  const near = known.filter((p) => p.toLowerCase().includes((keys.at(-1) ?? groupKey).toLowerCase()));
  throw new UserError(
    `no setting "${path}"` +
      (near.length
        ? `; did you mean ${near.slice(0, 5).join(', ')}?`
        : '; `callsheet settings` lists them all'),
    exitCode,
  );
}

/** What a change left in effect, in words: "policy.lateness.lateDays is now 45 (default 30)." */
export function describeSetting(line: SettingLine): string {
  return `${line.path} is now ${line.value}${line.stored ? ` (default ${line.defaultValue})` : ' (the default)'}.`;
}

/** A value as typed: JSON when it parses (numbers, true/false, lists, "quoted"), else the text itself. */
export function parseSettingValue(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function withLeaf(value: JsonObject, keys: readonly string[], leaf: Json | undefined): JsonObject {
  const [key, ...rest] = keys as [string, ...string[]];
  const copy: JsonObject = { ...value };
  if (rest.length) copy[key] = withLeaf(isObject(value[key]) ? (value[key] as JsonObject) : {}, rest, leaf);
  else if (leaf === undefined) delete copy[key];
  else copy[key] = leaf;
  return copy;
}

async function store(
  conn: SqlConn,
  group: SettingsGroup<z.ZodType>,
  keys: readonly string[],
  leaf: Json | undefined,
  who: { actor: string; source: string },
): Promise<void> {
  const next = withLeaf(await storedValue(conn, group.key), keys, leaf);
  // Top-level fields replace whole: the patch carries the group's first-level field in full.
  const top = keys[0]!;
  await writeSettings(conn, group, { [top]: next[top] }, who);
}

/** Sets one setting; the owning schema validates the result first (UserError naming the rule). */
export async function changeSetting(
  conn: SqlConn,
  path: string,
  text: string,
  who: { actor: string; source: string },
): Promise<SettingLine> {
  const { group, keys } = resolve(path);
  await store(conn, group, keys, parseSettingValue(text), who);
  return (await groupLines(conn, group)).find((l) => l.path === path)!;
}

/** Puts one setting back to its default. */
export async function resetSetting(
  conn: SqlConn,
  path: string,
  who: { actor: string; source: string },
): Promise<SettingLine> {
  const { group, keys } = resolve(path);
  await store(conn, group, keys, undefined, who);
  return (await groupLines(conn, group)).find((l) => l.path === path)!;
}

/** One setting changed for a trial, never stored: `path=value`, as `settings set` would take it. */
export interface SettingTrial {
  path: string;
  text: string;
}

/** `policy.oldestShare=0.15` as a trial; a clear error when it is not `<setting>=<value>`. */
export function parseTrial(arg: string): SettingTrial {
  const at = arg.indexOf('=');
  if (at <= 0 || at === arg.length - 1)
    throw new UserError(
      `--try takes <setting>=<value>, e.g. --try policy.oldestShare=0.15 (got "${arg}")`,
      2,
    );
  return { path: arg.slice(0, at).trim(), text: arg.slice(at + 1).trim() };
}

/**
 * A group's settings in effect (`current`) with one trial on top, validated by the group's schema
 * as a stored change would be; nothing is written. A trial of another group, or of no setting, is a
 * usage error (exit 2): it was named on the command line.
 */
export function settingsWith<S extends z.ZodType>(
  group: SettingsGroup<S>,
  current: z.output<S>,
  trial: SettingTrial,
): z.output<S> {
  const { group: owner, keys } = resolve(trial.path, 2);
  if (owner !== group)
    throw new UserError(
      `${trial.path} is not a ${group.key} setting: only ${group.key}.… can be tried here`,
      2,
    );
  const parsed = group.schema.safeParse(withLeaf(current as JsonObject, keys, parseSettingValue(trial.text)));
  if (!parsed.success)
    throw new UserError(`cannot try ${trial.path}=${trial.text}: ${issuesText(group.key, parsed.error)}`, 2);
  return parsed.data;
}
