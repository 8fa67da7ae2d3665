import { InputError, type Mlp, mlpFromLayers } from '@tessera/nn-core';

/** The two unit types the tower constructions use: sigmoid steps or exact ReLU ramps. */
export type TowerKind = 'sigmoid' | 'relu';

/** Nielsen's "large, constant" first-layer weight (ch. 4: w = 1000). */
export const TOWER_STEEPNESS = 1000;

export interface TowerStepOptions {
  /** 'sigmoid' (σ(w(x − s))) or 'relu' (exact ramp from s to s + 1/w). Default 'sigmoid'. */
  kind?: TowerKind;
  /** w: sigmoid weight, or 1/ramp width for ReLU. Default 1000. */
  steepness?: number;
  /** Output weight h (the step height). Default 1. */
  height?: number;
}

/** Throws an InputError unless `v` is finite (and > 0 when `positive`). */
export function towerCheckNumber(v: unknown, name: string, positive = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (positive && !(v > 0)))
    throw new InputError(`invalid ${name}: expected a ${positive ? 'positive ' : ''}finite number, got ${String(v)}`);
  return v;
}

/** Validates a tower kind (default 'sigmoid'). */
export function towerKind(kind: unknown): TowerKind {
  if (kind === undefined) return 'sigmoid';
  if (kind !== 'sigmoid' && kind !== 'relu')
    throw new InputError(`invalid kind: expected "sigmoid" or "relu", got ${JSON.stringify(kind)}`);
  return kind;
}

/**
 * Hidden-layer rows (1 input) of a step at s: sigmoid `[w]`, bias `−w·s`; relu: the two rows of the
 * ramp `(relu(x − s) − relu(x − s − δ))/δ`, δ = 1/w. Returns rows, biases and output weights for
 * height h (appends to the given arrays).
 */
function pushStep(
  kind: TowerKind,
  s: number,
  w: number,
  h: number,
  weights: number[][],
  bias: number[],
  out: number[],
): void {
  if (kind === 'sigmoid') {
    weights.push([w]);
    bias.push(-w * s);
    out.push(h);
  } else {
    const delta = 1 / w;
    weights.push([1], [1]);
    bias.push(-s, -s - delta);
    out.push(h / delta, -h / delta);
  }
}

function oneHidden(kind: TowerKind, weights: number[][], bias: number[], out: number[], outBias: number, name: string, meta: Record<string, unknown>, outAct: 'linear' | 'sigmoid' = 'linear'): Mlp {
  return mlpFromLayers(
    1,
    [
      { activation: kind, weights, bias },
      { activation: outAct, weights: [out], bias: [outBias] },
    ],
    { name, meta: { construction: meta } },
  );
}

/**
 * A step at s (Nielsen §2.1): sigmoid unit σ(w x − w s) with output weight h, or the exact ReLU
 * ramp h·clamp((x − s)·w, 0, 1) from two ReLUs (theory §4.1). Network 1-1-1 or 1-2-1.
 */
export function stepNet(s: number, options: TowerStepOptions = {}): Mlp {
  towerCheckNumber(s, 'step position s');
  const kind = towerKind(options.kind);
  const w = towerCheckNumber(options.steepness ?? TOWER_STEEPNESS, 'steepness', true);
  const h = towerCheckNumber(options.height ?? 1, 'height');
  const weights: number[][] = [];
  const bias: number[] = [];
  const out: number[] = [];
  pushStep(kind, s, w, h, weights, bias, out);
  return oneHidden(kind, weights, bias, out, 0, `${kind} step at ${s}`, { type: 'step', kind, s, steepness: w, height: h });
}

/**
 * A bump of height h on [s1, s2] from two steps with output weights +h, −h (Nielsen §2.2).
 * The ReLU version is the trapezoid of theory §4.1 (1 on [s1 + δ, s2], 0 outside [s1, s2 + δ]).
 */
export function bumpNet(s1: number, s2: number, options: TowerStepOptions = {}): Mlp {
  towerCheckNumber(s1, 's1');
  towerCheckNumber(s2, 's2');
  if (!(s1 < s2)) throw new InputError(`invalid bump: s1 (${s1}) must be less than s2 (${s2})`);
  const kind = towerKind(options.kind);
  const w = towerCheckNumber(options.steepness ?? TOWER_STEEPNESS, 'steepness', true);
  const h = towerCheckNumber(options.height ?? 1, 'height');
  const weights: number[][] = [];
  const bias: number[] = [];
  const out: number[] = [];
  pushStep(kind, s1, w, h, weights, bias, out);
  pushStep(kind, s2, w, -h, weights, bias, out);
  return oneHidden(kind, weights, bias, out, 0, `${kind} bump on [${s1}, ${s2}]`, {
    type: 'bump',
    kind,
    s1,
    s2,
    steepness: w,
    height: h,
  });
}

export interface LookupTableOptions extends Omit<TowerStepOptions, 'height'> {
  /** Number of adjacent bumps N (step points a, a + (b−a)/N, …, b). Default 5 (Nielsen's demo). */
  bumps?: number;
  /**
   * 'linear' (heights f(midpoint)) or 'sigmoid' (Nielsen §2.3: heights σ⁻¹(f(midpoint)), output
   * σ(Σ…) with bias 0; f must take values in (0, 1)). Default 'linear'.
   */
  output?: 'linear' | 'sigmoid';
}

/** σ⁻¹(p) = ln(p / (1 − p)). */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** Nielsen's worked target, eq. (113): f(x) = 0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x). */
export function nielsenTarget(x: number): number {
  return 0.2 + 0.4 * x * x + 0.3 * x * Math.sin(15 * x) + 0.05 * Math.cos(50 * x);
}

/**
 * Nielsen's lookup table (§2.2–2.3): N adjacent bumps on [a, b] whose heights are f at the bump
 * midpoints (or σ⁻¹∘f for a sigmoid output). Adjacent bumps share their step, so the hidden layer
 * has N + 1 steps (sigmoid) or 2(N + 1) ReLUs, with output weights h_j − h_{j−1}.
 */
export function lookupTableNet(
  f: (x: number) => number,
  interval: readonly [number, number],
  options: LookupTableOptions = {},
): Mlp {
  const [a, b] = interval;
  towerCheckNumber(a, 'interval start');
  towerCheckNumber(b, 'interval end');
  if (!(a < b)) throw new InputError(`invalid interval [${a}, ${b}]: start must be less than end`);
  const n = options.bumps ?? 5;
  if (!Number.isInteger(n) || n < 1) throw new InputError(`invalid bumps: expected an integer >= 1, got ${n}`);
  const kind = towerKind(options.kind);
  const w = towerCheckNumber(options.steepness ?? TOWER_STEEPNESS, 'steepness', true);
  const output = options.output ?? 'linear';
  if (output !== 'linear' && output !== 'sigmoid')
    throw new InputError(`invalid output: expected "linear" or "sigmoid", got ${JSON.stringify(output)}`);
  const heights: number[] = [];
  for (let j = 0; j < n; j++) {
    const mid = a + ((j + 0.5) * (b - a)) / n;
    const v = f(mid);
    if (!Number.isFinite(v)) throw new InputError(`f(${mid}) is not finite (${v})`);
    if (output === 'sigmoid' && !(v > 0 && v < 1))
      throw new InputError(`f(${mid}) = ${v} is outside (0, 1): σ⁻¹∘f needs values in (0, 1); rescale f or use output "linear"`);
    heights.push(output === 'sigmoid' ? logit(v) : v);
  }
  const weights: number[][] = [];
  const bias: number[] = [];
  const out: number[] = [];
  for (let j = 0; j <= n; j++) {
    const s = a + (j * (b - a)) / n;
    const dh = (j < n ? heights[j]! : 0) - (j > 0 ? heights[j - 1]! : 0);
    pushStep(kind, s, w, dh, weights, bias, out);
  }
  return oneHidden(
    kind,
    weights,
    bias,
    out,
    0,
    `lookup table of ${n} ${kind} bumps`,
    { type: 'lookup-table', kind, interval: [a, b], bumps: n, steepness: w, output, heights },
    output,
  );
}
