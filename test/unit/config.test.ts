import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig, loadDotEnv } from '../../src/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('configuration', () => {
  it('runs on the embedded database with nothing set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.CALLSHEET_DATA_DIR).toBe('.callsheet');
    expect(config.PORT).toBe(3000);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names each bad variable once, with an example of a good value', () => {
    const found = problems({ DATABASE_URL: 'nonsense', PORT: 'http', SLACK_BOT_TOKEN: 'xoxp-user-token' });
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^DATABASE_URL must be a PostgreSQL connection URL, e\.g\. postgresql:\/\//);
    expect(found.find((p) => p.startsWith('PORT'))).toMatch(/e\.g\. 3000/);
    expect(found.find((p) => p.startsWith('SLACK_BOT_TOKEN'))).toMatch(/xoxb-/);
  });

  it('never echoes a secret value in its messages', () => {
    const secret = 'not-a-hex-secret-but-private';
    const found = problems({ SLACK_SIGNING_SECRET: secret, DATABASE_URL: 'mysql://u:hunter2@h/db' });
    expect(found.join('\n')).not.toContain(secret);
    expect(found.join('\n')).not.toContain('hunter2');
  });

  it('accepts a real setup', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://callsheet:pw@127.0.0.1:5432/callsheet',
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99aaabbb85a5',
      MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
      TEAMS_ALLOW_UNAUTHENTICATED: 'false',
    });
    expect(config.SLACK_BOT_TOKEN).toBe('xoxb-1-2-abc');
    expect(config.TEAMS_ALLOW_UNAUTHENTICATED).toBe(false);
  });
});

describe('.env file', () => {
  it('fills in unset variables and leaves set ones alone', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'callsheet-env-')), '.env');
    writeFileSync(file, 'PORT=4000\nLOG_LEVEL=debug\n# a comment\nCALLSHEET_DATA_DIR="data dir"\n');
    const env: Record<string, string> = { LOG_LEVEL: 'warn' };
    loadDotEnv(file, env);
    expect(env).toEqual({ LOG_LEVEL: 'warn', PORT: '4000', CALLSHEET_DATA_DIR: 'data dir' });
  });
});

describe('.env.example', () => {
  const example = readFileSync(path.join(import.meta.dirname, '../../.env.example'), 'utf8');
  const listed = new Set([...example.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));

  it('lists every setting the configuration reads, and only those (plus CI)', () => {
    expect([...listed].sort()).toEqual([...Object.keys(configSchema.shape), 'CI'].sort());
  });

  it('lists every variable the code reads from the environment by name', () => {
    const read = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'generated') walk(file);
        else if (file.endsWith('.ts'))
          for (const m of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]!);
      }
    };
    walk(path.join(import.meta.dirname, '../../src'));
    for (const name of read) expect(listed, name).toContain(name);
  });

  it('holds values the configuration accepts once uncommented', () => {
    const env = Object.fromEntries(
      [...example.matchAll(/^# ([A-Z][A-Z0-9_]+)=(.*)$/gm)]
        .filter((m) => m[2] && !m[2].includes('…') && m[1] !== 'CI')
        .map((m) => [m[1]!, m[2]!]),
    );
    expect(problems(env)).toEqual([]);
  });
});
