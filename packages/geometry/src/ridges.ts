import { InputError, type Mlp } from '@tessera/nn-core';

/** One hidden unit of a one-hidden-layer net seen as a ridge function a·φ(|w|(⟨û, x⟩ − t)). */
export interface Ridge {
  unit: number;
  /** Unit normal û = w/|w| of the unit's line (the direction in which z grows). */
  direction: number[];
  /** Angle of û in radians (2 inputs only; NaN otherwise). */
  angle: number;
  /** |w|: the steepness along û. */
  norm: number;
  /** Signed offset t = −b/|w|: the bend (ReLU) or half-height (sigmoid) hyperplane is ⟨û, x⟩ = t. */
  offset: number;
  /** Output weight a. */
  outputWeight: number;
  /**
   * The unit's share of the output: |a|·|w| for ReLU (relu is positively homogeneous, so this is
   * the slope jump across its line), |a| for bounded activations (the step height).
   */
  mass: number;
  /** Bend line ⟨û, x⟩ = t clipped to the box, [x0, y0, x1, y1], or null if it misses the box. */
  segment: [number, number, number, number] | null;
}

/**
 * Splits a one-hidden-layer net with a linear output (one output) into its ridge functions
 * F(x) = c + Σ_k a_k φ(⟨w_k, x⟩ + b_k) (theory §3.1, §3.4): direction, offset, output weight and the
 * line where each unit bends. Units with w = 0 get direction [0…], offset NaN, mass 0.
 */
export function ridgeDecomposition(
  mlp: Mlp,
  box: readonly [number, number, number, number] = [-1, 1, -1, 1],
): Ridge[] {
  if (mlp.layers.length !== 2 || mlp.layers[1]!.activation !== 'linear' || mlp.outputDim !== 1)
    throw new InputError(
      `ridgeDecomposition needs one hidden layer and a linear 1-unit output, got ${mlp.layers.length - 1} hidden layers ending in "${mlp.layers[mlp.layers.length - 1]!.activation}"`,
    );
  const h = mlp.layers[0]!;
  if (h.rows !== h.units) throw new InputError('ridgeDecomposition does not handle maxout layers');
  const out = mlp.layers[1]!;
  const d = mlp.inputDim;
  const homogeneous = h.activation === 'relu' || h.activation === 'leaky_relu' || h.activation === 'linear';
  const ridges: Ridge[] = [];
  for (let k = 0; k < h.units; k++) {
    let n2 = 0;
    for (let i = 0; i < d; i++) n2 += h.weights[k * d + i]! ** 2;
    const norm = Math.sqrt(n2);
    const direction: number[] = [];
    for (let i = 0; i < d; i++) direction.push(norm > 0 ? h.weights[k * d + i]! / norm : 0);
    const offset = norm > 0 ? -h.bias[k]! / norm : Number.NaN;
    const a = out.weights[k]!;
    const ridge: Ridge = {
      unit: k,
      direction,
      angle: d === 2 && norm > 0 ? Math.atan2(direction[1]!, direction[0]!) : Number.NaN,
      norm,
      offset,
      outputWeight: a,
      mass: norm > 0 ? Math.abs(a) * (homogeneous ? norm : 1) : 0,
      segment: d === 2 && norm > 0 ? clipLine(direction[0]!, direction[1]!, offset, box) : null,
    };
    ridges.push(ridge);
  }
  return ridges;
}

/** The segment of {x: ux·x + uy·y = t} inside the box, or null. */
function clipLine(ux: number, uy: number, t: number, box: readonly number[]): [number, number, number, number] | null {
  const [x0, x1, y0, y1] = box as [number, number, number, number];
  const pts: number[] = [];
  const add = (x: number, y: number): void => {
    if (x >= x0 - 1e-12 && x <= x1 + 1e-12 && y >= y0 - 1e-12 && y <= y1 + 1e-12) pts.push(x, y);
  };
  if (uy !== 0) {
    add(x0, (t - ux * x0) / uy);
    add(x1, (t - ux * x1) / uy);
  }
  if (ux !== 0) {
    add((t - uy * y0) / ux, y0);
    add((t - uy * y1) / ux, y1);
  }
  if (pts.length < 4) return null;
  // the two points farthest apart
  let best: [number, number, number, number] = [pts[0]!, pts[1]!, pts[2]!, pts[3]!];
  let bd = -1;
  for (let i = 0; i < pts.length; i += 2)
    for (let j = i + 2; j < pts.length; j += 2) {
      const dd = (pts[i]! - pts[j]!) ** 2 + (pts[i + 1]! - pts[j + 1]!) ** 2;
      if (dd > bd) {
        bd = dd;
        best = [pts[i]!, pts[i + 1]!, pts[j]!, pts[j + 1]!];
      }
    }
  return best;
}

export interface TowerLikeness {
  /** Share of the total ridge mass in matched cancelling pairs: 1 for tower constructions. */
  score: number;
  /** Share of the mass in units whose direction is within `angleTolerance` of an axis. */
  axisAligned: number;
  pairs: Array<[number, number]>;
}

/**
 * Tower-likeness of a one-hidden-layer net, in [0, 1]: the share of ridge mass (|a|·|w| for ReLU,
 * |a| for sigmoid) carried by matched pairs of units that together make a bounded step, ramp or
 * bump — lines parallel within `angleTolerance` (default 5°), masses within a factor 1.25, and
 * cancelling far away: for ReLU the same facing with opposite-sign output weights (a ramp
 * relu(t) − relu(t − δ)); for bounded activations also opposite facing with same-sign weights
 * (σ(wt) + σ(−w(t − s)) − 1 is a bump). V-shaped pairs relu(t) + relu(−t) do not count. Pairs are matched greedily, heaviest first. Nielsen's bumps,
 * ReLU ramps and the even-n n-gon towers score 1; odd-n sigmoid n-gons (no parallel edges) score 0;
 * a net with random directions scores near 0.
 */
export function towerLikeness(mlp: Mlp, options: { angleTolerance?: number } = {}): TowerLikeness {
  const tol = ((options.angleTolerance ?? 5) * Math.PI) / 180;
  const ridges = ridgeDecomposition(mlp).filter((r) => r.mass > 0);
  const act = mlp.layers[0]!.activation;
  const homogeneous = act === 'relu' || act === 'leaky_relu' || act === 'linear';
  const total = ridges.reduce((s, r) => s + r.mass, 0);
  if (total === 0) return { score: 0, axisAligned: 0, pairs: [] };
  const order = ridges.slice().sort((p, q) => q.mass - p.mass);
  const used = new Set<number>();
  const pairs: Array<[number, number]> = [];
  let paired = 0;
  for (const p of order) {
    if (used.has(p.unit)) continue;
    let best: (typeof order)[number] | null = null;
    for (const q of order) {
      if (q.unit === p.unit || used.has(q.unit)) continue;
      let dot = 0;
      for (let i = 0; i < p.direction.length; i++) dot += p.direction[i]! * q.direction[i]!;
      const angle = Math.acos(Math.min(1, Math.abs(dot)));
      if (angle > tol) continue;
      const sameFacing = dot > 0;
      const sameSign = Math.sign(p.outputWeight) === Math.sign(q.outputWeight);
      // bounded pair: ReLU needs a ramp (same facing, opposite signs: relu(t) − relu(t − δ)); a
      // bounded unit also cancels as a bump (opposite facing, same sign: σ(wt) + σ(−w(t − s)) − 1)
      if (homogeneous ? !(sameFacing && !sameSign) : sameFacing === sameSign) continue;
      if (Math.max(p.mass, q.mass) > 1.25 * Math.min(p.mass, q.mass)) continue;
      if (!best || Math.abs(q.mass - p.mass) < Math.abs(best.mass - p.mass)) best = q;
    }
    if (best) {
      used.add(p.unit);
      used.add(best.unit);
      pairs.push([p.unit, best.unit]);
      paired += p.mass + best.mass;
    }
  }
  let axis = 0;
  for (const r of ridges) {
    const maxAbs = Math.max(...r.direction.map(Math.abs));
    if (Math.acos(Math.min(1, maxAbs)) <= tol) axis += r.mass;
  }
  return { score: paired / total, axisAligned: axis / total, pairs };
}
