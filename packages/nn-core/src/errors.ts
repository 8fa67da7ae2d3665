/**
 * Errors with stable codes. Every message says where, what was expected and what was received.
 * The CLI maps {@link TesseraError} subclasses whose `exitCode` is 2 to "bad input" (exit 2).
 */
export class TesseraError extends Error {
  readonly code: string;
  /** 2 = bad usage or bad input, 1 = the work failed. */
  readonly exitCode: 1 | 2;
  constructor(code: string, message: string, options?: { cause?: unknown; exitCode?: 1 | 2 }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options?.exitCode ?? 2;
  }
}

/** A malformed `tessera.mlp` document; the message starts with the JSON path of the bad field. */
export class ModelFormatError extends TesseraError {
  readonly path: string;
  constructor(path: string, message: string) {
    super('MODEL_FORMAT', `invalid tessera.mlp at ${path}: ${message}`);
    this.path = path;
  }
}

/** Arrays whose shapes do not fit together. */
export class ShapeError extends TesseraError {
  constructor(message: string) {
    super('SHAPE', message);
  }
}

/** A bad argument or input value (a box, an architecture string, an option). */
export class InputError extends TesseraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INPUT', message, options);
  }
}

/** Training produced a non-finite loss. */
export class DivergenceError extends TesseraError {
  readonly epoch: number;
  readonly loss: number;
  /** `epoch` is 1-based; `what` replaces "the loss became …" when something else overflowed. */
  constructor(epoch: number, loss: number, what?: string) {
    super(
      'DIVERGED',
      `training diverged at epoch ${epoch}: ${what ?? `the loss became ${loss}`}; try a smaller learning rate (e.g. a tenth of it)`,
      { exitCode: 1 },
    );
    this.epoch = epoch;
    this.loss = loss;
  }
}

/** A computation stopped because it would exceed a caller-given budget (e.g. --max-regions). */
export class BudgetExceededError extends TesseraError {
  constructor(message: string) {
    super('BUDGET', message, { exitCode: 1 });
  }
}

/** Shows a value briefly inside an error message. */
export function preview(value: unknown, max = 60): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) s = String(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
