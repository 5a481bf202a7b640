import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  MANIFEST_DIR,
  readManifestTemplate,
  type TeamsManifest,
} from '../../../src/adapters/teams/teams-package.ts';
import { crc32 } from '../../../src/adapters/teams/zip.ts';
import { COMMAND_NAMES } from '../../../src/app/command-model.ts';
import { runCallsheet } from '../../support/run-cli.ts';
import { unzip } from '../../support/unzip.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HTTPS = /^https:\/\/\S+$/;
const BOT_ID = '6d2a7c1e-4b1f-4c59-9a57-0c1f2e3d4b5a';

interface Png {
  width: number;
  height: number;
  colorType: number;
  /** Alpha of pixel (x, y); only for 8-bit RGBA with filter 0 rows, as scripts/teams-icons.mjs writes. */
  alpha(x: number, y: number): number;
}

function readPng(data: Buffer): Png {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.toString('ascii', 12, 16)).toBe('IHDR');
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const colorType = data[25]!;
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    if (data.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  return {
    width,
    height,
    colorType,
    alpha: (x, y) => {
      expect(raw[y * stride]).toBe(0); // filter type None
      return raw[y * stride + 1 + x * 4 + 3]!;
    },
  };
}

/** What Teams' manifest schema v1.22 and the store checks would reject, as readable lines. */
function manifestProblems(m: TeamsManifest, file: (name: string) => Buffer): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  check(
    m.$schema ===
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`,
    '$schema must match manifestVersion',
  );
  check(Number(String(m.manifestVersion).split('.')[1]) >= 22, 'manifestVersion must be 1.22 or later');
  check(/^\d+\.\d+\.\d+$/.test(m.version), 'version must be semver');
  check(GUID.test(m.id), 'id must be a GUID');
  check(typeof m.developer?.name === 'string' && m.developer.name.length <= 32, 'developer.name ≤ 32');
  for (const url of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'])
    check(HTTPS.test(m.developer?.[url] ?? ''), `developer.${url} must be https`);
  check(m.name?.short?.length > 0 && m.name.short.length <= 30, 'name.short 1–30');
  check(!m.name?.full || m.name.full.length <= 100, 'name.full ≤ 100');
  check(m.description?.short?.length > 0 && m.description.short.length <= 80, 'description.short 1–80');
  check(m.description?.full?.length > 0 && m.description.full.length <= 4000, 'description.full 1–4000');
  check(/^#[0-9a-f]{6}$/i.test(m.accentColor), 'accentColor #RRGGBB');
  const color = readPng(file(m.icons.color));
  check(color.width === 192 && color.height === 192, 'color icon must be 192×192');
  const outline = readPng(file(m.icons.outline));
  check(outline.width === 32 && outline.height === 32, 'outline icon must be 32×32');
  check(outline.colorType === 6 && outline.alpha(0, 0) === 0, 'outline icon must be transparent (RGBA)');
  check(m.bots?.length === 1, 'exactly one bot');
  const bot = m.bots[0];
  check(GUID.test(bot.botId), 'botId must be a GUID');
  check(
    bot.scopes.every((s: string) => ['personal', 'team', 'groupChat'].includes(s)),
    'bot scopes: personal, team, groupChat',
  );
  for (const list of bot.commandLists) {
    check(list.commands.length <= 10, 'at most 10 commands per list');
    for (const c of list.commands) {
      check(
        c.title.length <= 32 && c.description.length <= 128,
        `command ${c.title}: title ≤ 32, description ≤ 128`,
      );
    }
  }
  return problems;
}

const templateFile = (name: string) => readFileSync(path.join(MANIFEST_DIR, name));

describe('Teams manifest', () => {
  it('passes the schema and store checks', () => {
    expect(manifestProblems(readManifestTemplate(), templateFile)).toEqual([]);
  });

  it('suggests only the command core’s commands, bind in channels only (Teams shows at most 10)', () => {
    const [personal, team] = readManifestTemplate().bots[0].commandLists;
    const titles = (list: { commands: { title: string }[] }) => list.commands.map((c) => c.title);
    expect(personal.scopes).toEqual(['personal']);
    expect(team.scopes).toEqual(['team', 'groupChat']);
    for (const list of [personal, team]) {
      expect(COMMAND_NAMES).toEqual(expect.arrayContaining(titles(list)));
      expect(titles(list)).toEqual(expect.arrayContaining(['logcall', 'calls', 'account', 'help']));
    }
    expect(titles(personal)).not.toContain('bind');
    expect(titles(team)).toContain('bind');
  });

  it('computes CRC-32 like zlib', async () => {
    const zlib = await import('node:zlib');
    const sample = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(crc32(sample)).toBe(0x414fa339);
    if ('crc32' in zlib)
      expect(crc32(templateFile('color.png'))).toBe(
        (zlib as unknown as { crc32(d: Buffer): number }).crc32(templateFile('color.png')),
      );
  });
});

describe('callsheet teams package', () => {
  it('zips the manifest with this bot’s ids and both icons', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'teams-pkg-')), 'app.zip');
    const run = await runCallsheet(['teams', 'package', '--out', out], { MICROSOFT_APP_ID: BOT_ID });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`bot ${BOT_ID}`);
    const entries = unzip(readFileSync(out));
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const files = new Map(entries.map((e) => [e.name, e.data]));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as TeamsManifest;
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(manifestProblems(manifest, (name) => files.get(name)!)).toEqual([]);
  });

  it('says which setting is missing instead of packaging a placeholder id', async () => {
    const run = await runCallsheet(['teams', 'package', '--out', path.join(os.tmpdir(), 'never.zip')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/set MICROSOFT_APP_ID/);
  });
});
