// Runs the real `callsheet` executable in a child process, as a user would.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/callsheet.mjs', import.meta.url));
export const REPO_ROOT = path.dirname(path.dirname(BIN));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCallsheet(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = REPO_ROOT,
): Promise<CliRun> {
  const base = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'CALLSHEET_DATA_DIR',
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
  ]) {
    delete base[key];
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...base, CI: 'true', ...env }, cwd, timeout: 200_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The environment that points the CLI at a test database. */
export function storeEnv(db: { url?: string; dataDir?: string }): Record<string, string> {
  return db.url ? { DATABASE_URL: db.url } : { CALLSHEET_DATA_DIR: db.dataDir ?? '' };
}
