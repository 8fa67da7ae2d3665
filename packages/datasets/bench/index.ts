/**
 * CSV throughput on a 10⁶-row dataset (the paraboloid set: 3 inputs + 1 label, full float64 text),
 * against a naive peer measured in the same run: `text.split('\n')`, `line.split(',')`, `Number`
 * (reading) and `row.join(',')` (writing). Hand-timed median of N runs after one warm-up: the
 * 10⁶-row runs take seconds each, which is outside tinybench's sweet spot.
 *
 *   pnpm --filter @tessera/datasets bench            # 10⁶ rows
 *   BENCH_ROWS=200000 pnpm --filter @tessera/datasets bench
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Dataset, paraboloid, parseCsv, writeCsv } from '@tessera/datasets';
import { readCsvFile, writeCsvFile } from '@tessera/datasets/node';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function median(label: string, fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  const spread = `${times[0]!.toFixed(0)}–${times[times.length - 1]!.toFixed(0)} ms`;
  console.log(`${label.padEnd(44)} ${m.toFixed(0).padStart(6)} ms  ${((ROWS / m) * 1000).toExponential(2)} rows/s  (${spread})`);
  return m;
}

/** The naive peer: split on newlines and commas, Number() each cell (no validation at all). */
function naiveParse(text: string): { x: Float64Array; y: Float64Array; n: number } {
  const lines = text.split('\n');
  const header = lines[0]!.split(',');
  const d = header.length - 1;
  const x = new Float64Array((lines.length - 1) * d);
  const y = new Float64Array(lines.length - 1);
  let n = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const cells = lines[i]!.split(',');
    for (let c = 0; c < d; c++) x[n * d + c] = Number(cells[c]);
    y[n] = Number(cells[d]);
    n++;
  }
  return { x: x.subarray(0, n * d), y: y.subarray(0, n), n };
}

function naiveWrite(ds: Dataset): string {
  const lines = ['x1,x2,x3,y'];
  for (let i = 0; i < ds.n; i++) lines.push([...ds.x.subarray(i * ds.d, i * ds.d + ds.d), ds.y[i]].join(','));
  return `${lines.join('\n')}\n`;
}

const checksum = (a: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
};

console.log(`@tessera/datasets CSV bench — node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}`);
console.log(`${ROWS} rows × 4 columns, median of ${RUNS} after a warm-up\n`);

const ds = paraboloid({ n: ROWS, seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const path = join(dir, 'bench.csv');
try {
  let text = '';
  const wOurs = await median('writeCsv (string)', () => {
    text = writeCsv(ds);
  });
  const wPeer = await median('peer: row.join(",") + lines.join', () => naiveWrite(ds));
  await median('writeCsvFile (streamed, atomic)', () => writeCsvFile(path, ds));
  console.log(`  text: ${(text.length / 1e6).toFixed(1)} MB; write ratio ours/peer = ${(wOurs / wPeer).toFixed(2)}\n`);
  writeFileSync(path, text);

  let parsed: Dataset | undefined;
  const rOurs = await median('parseCsv (papaparse chunks, validated)', () => {
    parsed = parseCsv(text);
  });
  const rPeer = await median('peer: split + Number (no checks)', () => naiveParse(text));
  let streamed: Dataset | undefined;
  const fOurs = await median('readCsvFile (stream from disk)', async () => {
    streamed = await readCsvFile(path);
  });
  const fPeer = await median('peer: readFileSync + split + Number', () => naiveParse(readFileSync(path, 'utf8')));
  console.log(`  read ratio ours/peer: string ${(rOurs / rPeer).toFixed(2)}, file ${(fOurs / fPeer).toFixed(2)}`);

  // Checksums outside the timed loops: all readers must agree with the generator exactly.
  const want = checksum(ds.x) + checksum(ds.y);
  const got = [parsed!, streamed!, naiveParse(text)].map((p) => checksum(p.x) + checksum(p.y));
  console.log(`  checksums equal: ${got.every((g) => g === want)} (${want})`);
  if (!got.every((g) => g === want)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
