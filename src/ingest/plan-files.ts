// Which files an import reads, as what entity, in what order: a directory contributes its data
// files (not earlier error reports), and entities go in dependency order so customers exist
// before their invoices, invoices before their payments.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ENTITIES, type Entity, entityFromFileName } from './entities.ts';

export interface PlannedFile {
  path: string;
  entity: Entity;
}

const DATA_FILE = /\.(csv|tsv|txt|json|ndjson|jsonl)(\.gz)?$/i;

export async function planFiles(
  paths: readonly string[],
  entity?: Entity,
): Promise<
  | { ok: true; files: PlannedFile[] }
  | { ok: false; error: { code: 'not_found' | 'unknown_entity' | 'no_files'; message: string } }
> {
  const found: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) return { ok: false, error: { code: 'not_found', message: `no such file or directory: ${p}` } };
    if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => DATA_FILE.test(n) && !/\.errors\.csv$/i.test(n)).sort();
      found.push(...names.map((n) => path.join(p, n)));
    } else {
      found.push(p);
    }
  }
  if (!found.length)
    return {
      ok: false,
      error: {
        code: 'no_files',
        message: `no data files (.csv, .json, .ndjson, optionally .gz) in ${paths.join(', ')}`,
      },
    };
  const files: PlannedFile[] = [];
  for (const file of found) {
    const e = entity ?? entityFromFileName(path.basename(file));
    if (!e)
      return {
        ok: false,
        error: {
          code: 'unknown_entity',
          message: `cannot tell what ${file} holds: name it after its entity (${ENTITIES.map((x) => `${x}.csv`).join(', ')}) or pass --entity`,
        },
      };
    files.push({ path: file, entity: e });
  }
  files.sort((a, b) => ENTITIES.indexOf(a.entity) - ENTITIES.indexOf(b.entity));
  return { ok: true, files };
}
