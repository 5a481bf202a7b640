// Benchmark: the `callsheet` executable as a user runs it, against a bare `node -e 0` measured in
// the same run. Each command runs RUNS times in a child process; the report gives the median wall
// time, the median CPU time (user + system, steadier than wall time on a busy machine) and the
// peak resident memory, with ratios to `node -e 0`. Targets (docs/benchmarks.md): `--version`
// ≤ 3× `node -e 0`; `sheet --collector` on the embedded medium demo ≤ 1 s and ≤ 250 MB.
//
//   npm run bench:cli
//
// The medium demo is loaded once into bench/.data/cli-medium (embedded PGlite) and reused; dist/
// is rebuilt first when a source is newer. Traps: the first run after loading pays for a cold
// page cache, so every command runs once untimed first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const BIN = path.join(ROOT, 'bin', 'callsheet.mjs');
const DATA_DIR = path.join(ROOT, 'bench', '.data', 'cli-medium');
const USAGE_FILE = path.join(os.tmpdir(), `callsheet-bench-cli-${process.pid}.json`);
const TODAY = '2027-05-28';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// Every child reports its own resource usage at exit (the same preload for node -e 0).
const REPORT = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from 'node:fs';
   process.on('exit', () => writeFileSync(${JSON.stringify(USAGE_FILE)}, JSON.stringify(process.resourceUsage())));`,
)}`;

const env = { ...process.env, CALLSHEET_DATA_DIR: DATA_DIR, CI: 'true' };
for (const key of ['DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'])
  delete env[key];

function run(args, { report = false } = {}) {
  rmSync(USAGE_FILE, { force: true });
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, {
    env: report ? { ...env, NODE_OPTIONS: `--import=${REPORT}` } : env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(`${args.join(' ')} exited with ${child.status}:\n${child.stderr}`);
  }
  const usage = report ? JSON.parse(readFileSync(USAGE_FILE, 'utf8')) : undefined;
  return { wallMs, stdout: child.stdout, usage };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(label, args) {
  run(args); // warm-up: page cache, compiled code cache
  const walls = [];
  const cpus = [];
  let peakMb = 0;
  for (let k = 0; k < RUNS; k++) {
    const { wallMs, usage } = run(args, { report: true });
    walls.push(wallMs);
    cpus.push((usage.userCPUTime + usage.systemCPUTime) / 1000);
    peakMb = Math.max(peakMb, usage.maxRSS / 1024);
  }
  return { label, wallMs: median(walls), cpuMs: median(cpus), peakMb };
}

execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (!existsSync(path.join(DATA_DIR, 'PG_VERSION'))) {
  console.log(`loading the medium demo into ${path.relative(ROOT, DATA_DIR)} (once)…`);
  mkdirSync(path.dirname(DATA_DIR), { recursive: true });
  run([BIN, 'demo', '--size', 'medium', '--today', TODAY, '--quiet']);
}
const sheetArgs = [BIN, 'sheet', '--collector', 'ava', '--as-of', TODAY, '--json'];
const customer = JSON.parse(run(sheetArgs).stdout).rows[0]?.customerCode ?? 'ACME';

const results = [
  measure('node -e 0', ['-e', '0']),
  measure('callsheet --version', [BIN, '--version']),
  measure('callsheet sheet --collector ava', sheetArgs),
  measure('callsheet logcall --dry-run', [
    BIN,
    'logcall',
    '--dry-run',
    '--as',
    'ava',
    `${customer} promised 5k by 6/4`,
  ]),
];
rmSync(USAGE_FILE, { force: true });

const base = results[0];
const pad = (s, n) => String(s).padEnd(n);
const num = (x, n) => x.toFixed(n).padStart(8);
console.log(
  `\n${RUNS} runs each (medians; peak memory is the largest), ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
);
console.log(`${pad('command', 34)}   wall ms  × node    CPU ms  × node   peak MB`);
for (const r of results) {
  console.log(
    `${pad(r.label, 34)}${num(r.wallMs, 0)}${num(r.wallMs / base.wallMs, 1)}${num(r.cpuMs, 0)}${num(r.cpuMs / base.cpuMs, 1)}${num(r.peakMb, 0)}`,
  );
}
const [, version, sheet] = results;
const verdict = (ok) => (ok ? 'met' : 'MISSED');
console.log(
  `\ntargets: --version ≤ 3× node -e 0: ${verdict(version.wallMs <= 3 * base.wallMs)} (${(version.wallMs / base.wallMs).toFixed(1)}×)`,
);
console.log(
  `         sheet ≤ 1 s wall: ${verdict(sheet.wallMs <= 1000)} (${(sheet.wallMs / 1000).toFixed(2)} s); ≤ 250 MB: ${verdict(sheet.peakMb <= 250)} (${sheet.peakMb.toFixed(0)} MB)`,
);
