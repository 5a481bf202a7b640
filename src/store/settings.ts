// Business settings live in the `settings` table, one JSON value per key, each key validated by
// the zod schema of the feature that owns it; the schema's defaults fill whatever is not stored.
// A feature declares its settings once (e.g. `defineSettings('policy', schema)`) in its own module.
import { z } from 'zod';
import { UserError } from '../shared/errors.ts';
import type { SqlConn } from './sql.ts';

export interface SettingsGroup<S extends z.ZodType> {
  key: string;
  schema: S;
  defaults: z.output<S>;
}

/** `schema` must accept `{}` (every field has a default). */
export function defineSettings<S extends z.ZodType>(key: string, schema: S): SettingsGroup<S> {
  return { key, schema, defaults: schema.parse({}) };
}

export async function readSettings<S extends z.ZodType>(
  conn: SqlConn,
  group: SettingsGroup<S>,
): Promise<z.output<S>> {
  const [row] = await conn.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [
    group.key,
  ]);
  if (!row) return group.defaults;
  const parsed = group.schema.safeParse(row.value);
  if (!parsed.success) {
    throw new UserError(
      `the stored "${group.key}" settings are invalid (${z.prettifyError(parsed.error).replace(/\n/g, ' ')}); fix them with \`callsheet settings\``,
    );
  }
  return parsed.data;
}

/** Merges `patch` into the stored value, validates the result, and records who changed it. */
export async function writeSettings<S extends z.ZodType>(
  conn: SqlConn,
  group: SettingsGroup<S>,
  patch: Record<string, unknown>,
  who: { actor: string; source: string },
): Promise<z.output<S>> {
  const [row] = await conn.query<{ value: Record<string, unknown> }>(
    'SELECT value FROM settings WHERE key = $1',
    [group.key],
  );
  const merged = { ...(row?.value ?? {}), ...patch };
  const parsed = group.schema.safeParse(merged);
  if (!parsed.success)
    throw new UserError(
      `invalid ${group.key} settings: ${issuesText(group.key, parsed.error)} (\`settings\` lists each with its default)`,
    );
  await conn.query(
    `INSERT INTO settings (key, value, actor, source, updated_at) VALUES ($1, $2::jsonb, $3, $4, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, actor = EXCLUDED.actor, source = EXCLUDED.source, updated_at = now()`,
    [group.key, JSON.stringify(merged), who.actor, who.source],
  );
  await conn.query(
    `INSERT INTO audit_events (actor, source, action, entity, entity_id, data) VALUES ($1, $2, 'settings.update', 'settings', $3, $4::jsonb)`,
    [who.actor, who.source, group.key, JSON.stringify(patch)],
  );
  return parsed.data;
}

/** A group's stored value as it is (an object; {} when nothing is stored), for editing one setting. */
export async function storedSettings(conn: SqlConn, key: string): Promise<Record<string, unknown>> {
  const [row] = await conn.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]);
  const v = row?.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A validation failure on one line, each rule named by its setting: "policy.oldestShare: Too big: …". */
export function issuesText(key: string, error: z.ZodError): string {
  return error.issues.map((i) => `${[key, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
}
