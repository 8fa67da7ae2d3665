import cliProgress from 'cli-progress';

/** Reports the progress of a long loop (training epochs) on stderr. */
export interface Progress {
  /** Call once per step (epoch) with the current value (loss). */
  update(step: number, value: number): void;
  /** Ends the bar (or prints the last plain line). */
  stop(): void;
}

export interface ProgressOptions {
  /** Total number of steps. */
  total: number;
  /** What a step is called ("epoch"). */
  label?: string;
  /** What the value is called ("loss"). */
  valueLabel?: string;
  /** Nothing is printed when true. */
  quiet?: boolean;
  /** Override TTY detection (tests). Defaults to `process.stderr.isTTY`. */
  tty?: boolean;
  /** Minimum milliseconds between plain (non-TTY) lines; default 1000. Lines also at 25 %, 50 %, 75 %, 100 %. */
  intervalMs?: number;
  /** Injected clock (tests); default `performance.now`. */
  now?: () => number;
  /** Where plain lines go; default stderr. */
  write?: (line: string) => void;
}

const formatValue = (v: number): string => (Number.isFinite(v) ? v.toPrecision(5) : String(v));

function formatEta(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * A progress reporter: a `cli-progress` bar (epoch, loss, ETA) when stderr is a TTY, plain
 * periodic lines (`epoch 500/2000  loss 0.01234  eta 3s`) otherwise, nothing with `quiet`.
 */
export function createProgress(options: ProgressOptions): Progress {
  const { total, quiet } = options;
  const label = options.label ?? 'epoch';
  const valueLabel = options.valueLabel ?? 'loss';
  if (quiet || total <= 0) return { update() {}, stop() {} };
  const tty = options.tty ?? Boolean(process.stderr.isTTY);
  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} {value}/{total} |{bar}| ${valueLabel} {metric} | eta {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        fps: 10,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { metric: '-' });
    return {
      update(step, value) {
        bar.update(step, { metric: formatValue(value) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  const now = options.now ?? (() => performance.now());
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const interval = options.intervalMs ?? 1000;
  const start = now();
  let lastTime = start;
  let lastStep = 0;
  let lastValue = Number.NaN;
  const quarters = new Set([Math.ceil(total / 4), Math.ceil(total / 2), Math.ceil((3 * total) / 4)]);
  const line = (step: number, value: number) => {
    const elapsed = now() - start;
    const eta = step > 0 ? (elapsed / step) * (total - step) : Number.NaN;
    write(`${label} ${step}/${total}  ${valueLabel} ${formatValue(value)}  eta ${formatEta(eta)}`);
  };
  return {
    update(step, value) {
      lastStep = step;
      lastValue = value;
      const t = now();
      if (step >= total) return; // the final line comes from stop()
      if (quarters.has(step) || t - lastTime >= interval) {
        lastTime = t;
        line(step, value);
      }
    },
    stop() {
      if (lastStep > 0) line(lastStep, lastValue);
    },
  };
}
