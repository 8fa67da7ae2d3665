import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The bundled binary built by test/globalSetup.ts from src/bin.ts (see scripts/bundle.mjs). */
const BIN = fileURLToPath(new URL('../.test-bundle/tessera.mjs', import.meta.url));
const ARGS = [BIN];

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs the real `tessera` binary (bundled from the sources before the tests) in a child process. */
export function tessera(args: string[], options: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [...ARGS, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 120_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same as {@link tessera} without blocking, so `it.concurrent` tests can overlap. */
export function tesseraAsync(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ARGS, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** True when stderr is one line (plus the trailing newline) and has no stack trace. */
export function isOneLineError(stderr: string): boolean {
  const lines = stderr.trimEnd().split('\n');
  return lines.length === 1 && !/\bat .*:\d+:\d+/.test(stderr) && lines[0]!.startsWith('tessera: ');
}
