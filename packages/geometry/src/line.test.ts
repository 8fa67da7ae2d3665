import { type Activation, createRng, evaluatePoint, type Mlp, mlpFromLayers, type MlpJson, type Rng } from '@tessera/nn-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linePieces } from './line.js';

/**
 * Reference pattern by a plain forward pass. Ties (|z − threshold| ≤ 1e-12·(1 + |z|), to absorb the
 * float noise of a pre-activation that is exactly constant on a switching surface) take the
 * inactive / middle / lowest-index state.
 */
const TIE = 1e-12;

function referencePattern(mlp: Mlp, x: number[]): number[] {
  let h = x.slice();
  const states: number[] = [];
  for (const layer of mlp.layers) {
    const z: number[] = [];
    for (let r = 0; r < layer.rows; r++) {
      let acc = layer.bias[r] as number;
      for (let i = 0; i < layer.nIn; i++) acc += (layer.weights[r * layer.nIn + i] as number) * (h[i] as number);
      z.push(acc);
    }
    const next: number[] = [];
    for (let j = 0; j < layer.units; j++) {
      const a = layer.activation;
      if (a === 'maxout') {
        const k = layer.rank as number;
        let best = 0;
        for (let r = 1; r < k; r++)
          if ((z[j * k + r] as number) - (z[j * k + best] as number) > TIE * (1 + Math.abs(z[j * k + best] as number))) best = r;
        states.push(best);
        next.push(z[j * k + best] as number);
        continue;
      }
      const v = z[j] as number;
      if (a === 'hardtanh') {
        states.push(v > 1 + TIE * (1 + Math.abs(v)) ? 2 : v < -1 - TIE * (1 + Math.abs(v)) ? 0 : 1);
        next.push(Math.max(-1, Math.min(1, v)));
      } else if (a === 'linear') next.push(v);
      else {
        states.push(v > TIE ? 1 : 0);
        const alpha = a === 'relu' ? 0 : a === 'abs' ? -1 : a === 'leaky_relu' ? (layer.alpha as number) : (layer.alphas?.[j] as number);
        next.push(v > 0 ? v : alpha * v);
      }
    }
    h = next;
  }
  return states;
}

const PL: Activation[] = ['relu', 'leaky_relu', 'prelu', 'abs', 'hardtanh', 'maxout', 'linear'];

/** A random PL net with seeded degeneracies: duplicate rows, zero rows, zero output weights. */
function randomNet(rng: Rng, dyadic = false): Mlp {
  const w = (std: number) => (dyadic ? (rng.int(9) - 4) / 2 : rng.normal(0, std));
  const inputDim = 1 + rng.int(3);
  const depth = 1 + rng.int(3);
  const layers: MlpJson['layers'] = [];
  let nIn = inputDim;
  for (let l = 0; l <= depth; l++) {
    const last = l === depth;
    const act: Activation = last ? 'linear' : (PL[rng.int(PL.length)] as Activation);
    const units = last ? 1 + rng.int(2) : 1 + rng.int(5);
    const rank = act === 'maxout' ? 2 + rng.int(3) : 1;
    const rows = units * rank;
    const weights: number[][] = [];
    const bias: number[] = [];
    for (let r = 0; r < rows; r++) {
      const u = rng.next();
      if (r > 0 && u < 0.12) {
        weights.push((weights[r - 1] as number[]).slice());
        bias.push(bias[r - 1] as number);
      } else if (u < 0.2) {
        weights.push(new Array(nIn).fill(0));
        bias.push(rng.next() < 0.5 ? -0.5 : 0.5);
      } else {
        weights.push(Array.from({ length: nIn }, () => (rng.next() < 0.08 ? 0 : w(1.2))));
        bias.push(w(0.7));
      }
    }
    const layer: MlpJson['layers'][number] = { activation: act, weights, bias };
    if (act === 'maxout') layer.rank = rank;
    if (act === 'leaky_relu') layer.alpha = 0.1;
    if (act === 'prelu') layer.alpha = Array.from({ length: units }, () => (dyadic ? (rng.int(5) - 1) / 2 : rng.uniform(-0.5, 1.5)));
    layers.push(layer);
    nIn = units;
  }
  return mlpFromLayers(inputDim, layers);
}

const at = (from: number[], to: number[], t: number) => from.map((f, i) => f + t * ((to[i] as number) - f));

function checkAgainstBruteForce(seed: number, dyadic: boolean): void {
    const rng = createRng(seed);
    const mlp = randomNet(rng, dyadic);
    const pt = () => Array.from({ length: mlp.inputDim }, () => (dyadic ? rng.int(9) - 4 : rng.uniform(-2, 2)));
    const from = pt();
    const to = pt();
    const r = linePieces(mlp, from, to);
    const bounds = [0, ...r.breakpoints, 1];
    expect(r.breakpoints.length).toBe(r.pieces - 1);
    for (let i = 1; i < bounds.length; i++) expect(bounds[i] as number).toBeGreaterThan(bounds[i - 1] as number);
    // every piece's pattern is the reference pattern at its midpoint; neighbours differ
    let prev: string | undefined;
    for (let p = 0; p < r.pieces; p++) {
      const tm = 0.5 * ((bounds[p] as number) + (bounds[p + 1] as number));
      const ref = referencePattern(mlp, at(from, to, tm));
      expect(Array.from(r.patterns.subarray(p * r.patternWidth, (p + 1) * r.patternWidth))).toEqual(ref);
      const key = ref.join(',');
      expect(key).not.toBe(prev);
      prev = key;
      // the affine map equals the net at random points of the piece
      for (let s = 0; s < 3; s++) {
        const t = (bounds[p] as number) + rng.next() * ((bounds[p + 1] as number) - (bounds[p] as number));
        const y = evaluatePoint(mlp, at(from, to, t));
        for (let o = 0; o < r.outputDim; o++) {
          const pred = (r.offsets[p * r.outputDim + o] as number) + (r.slopes[p * r.outputDim + o] as number) * t;
          expect(Math.abs(pred - (y[o] as number))).toBeLessThan(1e-9 * (1 + Math.abs(y[o] as number)));
        }
      }
    }
    // no pattern change missed at the sampling resolution
    // (sample points avoid exact ties: a unit touching zero at one point is no piece)
    const M = 1500;
    const PHI = 0.3819660112501051;
    let last = referencePattern(mlp, at(from, to, PHI / M)).join(',');
    let b = 0;
    for (let i = 1; i < M; i++) {
      const t = (i + PHI) / M;
      const cur = referencePattern(mlp, at(from, to, t)).join(',');
      if (cur !== last) {
        while (b < r.breakpoints.length && (r.breakpoints[b] as number) < (i - 1) / M - 1e-12) b++;
        expect(b < r.breakpoints.length && (r.breakpoints[b] as number) <= t + 1e-12).toBe(true);
      }
      last = cur;
    }
    // linear pieces: breakpoints are a subset, and neighbouring linear maps really differ
    const set = new Set(r.breakpoints);
    for (const t of r.linearBreakpoints) expect(set.has(t)).toBe(true);
    for (let g = 1; g < r.linearPieces; g++) {
      let differ = false;
      for (let o = 0; o < r.outputDim; o++)
        if (Math.abs((r.linearSlopes[g * r.outputDim + o] as number) - (r.linearSlopes[(g - 1) * r.outputDim + o] as number)) > 1e-12)
          differ = true;
      expect(differ).toBe(true);
    }
    // a kink of the output is never inside a linear piece: check by second differences
    for (let g = 0; g < r.linearPieces; g++) {
      const lb = [0, ...r.linearBreakpoints, 1];
      const a = lb[g] as number;
      const c = lb[g + 1] as number;
      for (let s = 0; s < 2; s++) {
        const t = a + rng.next() * (c - a);
        const y = evaluatePoint(mlp, at(from, to, t));
        for (let o = 0; o < r.outputDim; o++) {
          const pred = (r.linearOffsets[g * r.outputDim + o] as number) + (r.linearSlopes[g * r.outputDim + o] as number) * t;
          expect(Math.abs(pred - (y[o] as number))).toBeLessThan(1e-8 * (1 + Math.abs(y[o] as number)));
        }
      }
    }
}

describe('linePieces(mlp, from, to)', () => {
  it('Serra Fig. 2 net: 5 activation pieces, 4 linear pieces on [-2, 2]', () => {
    const mlp = mlpFromLayers(1, [
      { activation: 'relu', weights: [[1], [-1]], bias: [0, 1] },
      { activation: 'relu', weights: [[4, 2]], bias: [-3] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    const r = linePieces(mlp, [-2], [2]);
    expect(r.pieces).toBe(5);
    expect(Array.from(r.breakpoints)).toEqual([0.375, 0.5, 0.625, 0.75]); // x = −½, 0, ½, 1
    expect(r.linearPieces).toBe(4);
    expect(Array.from(r.linearBreakpoints)).toEqual([0.375, 0.625, 0.75]);
    // y = −1 − 2x on x < −½, i.e. in t (x = −2 + 4t): y = 3 − 8t
    expect(r.slopes[0]).toBeCloseTo(-8, 12);
    expect(r.offsets[0]).toBeCloseTo(3, 12);
    expect(r.slopes[1]).toBe(0);
    expect(r.patternWidth).toBe(3);
    expect(Array.from(r.patterns.subarray(0, 3))).toEqual([0, 1, 1]);
  });

  it('a switching point exactly at a breakpoint of an earlier layer adds no zero-length piece', () => {
    // relu(x), relu(-x), then relu(h1 - h2) = relu(x): its zero sits on the layer-1 kink at 0
    const mlp = mlpFromLayers(1, [
      { activation: 'relu', weights: [[1], [-1]], bias: [0, 0] },
      { activation: 'relu', weights: [[1, -1], [2, 0]], bias: [0, 0] },
      { activation: 'linear', weights: [[1, 1]], bias: [0] },
    ]);
    const r = linePieces(mlp, [-1], [3]);
    expect(r.pieces).toBe(2);
    expect(Array.from(r.breakpoints)).toEqual([0.25]);
  });

  it('duplicate kinks merge: scaled and flipped copies of one switching point give one breakpoint', () => {
    // relu(x − 1/3), relu(3x − 1), relu(1 − 3x), relu(0.7x − 0.7/3): all switch at x = 1/3
    const mlp = mlpFromLayers(1, [
      { activation: 'relu', weights: [[1], [3], [-3], [0.7]], bias: [-1 / 3, -1, 1, -0.7 / 3] },
      { activation: 'linear', weights: [[1, 1, 1, 1]], bias: [0] },
    ]);
    const r = linePieces(mlp, [-0.1], [0.9]);
    expect(r.pieces).toBe(2);
    expect(r.breakpoints[0] as number).toBeCloseTo(0.43333333333333335, 14);
  });

  it('hardtanh has three pieces and two kinks per unit; abs and leaky_relu one', () => {
    const ht = mlpFromLayers(1, [
      { activation: 'hardtanh', weights: [[2]], bias: [0] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    const r = linePieces(ht, [-1], [1]);
    expect(Array.from(r.breakpoints)).toEqual([0.25, 0.75]);
    expect(r.linearPieces).toBe(3);
    const abs = mlpFromLayers(2, [
      { activation: 'abs', weights: [[1, 1]], bias: [-0.5] },
      { activation: 'leaky_relu', alpha: 0.5, weights: [[1]], bias: [-1] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    // z = x1 + x2 − ½ along (0,0)→(1,1): 2t − ½; |z| − 1 = 0 at t = 3/4
    const a = linePieces(abs, [0, 0], [1, 1]);
    expect(Array.from(a.breakpoints)).toEqual([0.25, 0.75]);
  });

  it('maxout: the 7-piece counterexample net of theory.md §7.4', () => {
    const mlp = mlpFromLayers(1, [
      { activation: 'maxout', rank: 3, weights: [[-1], [1], [2]], bias: [0, 0, -2] },
      { activation: 'maxout', rank: 3, weights: [[-1], [1], [3]], bias: [0.5, -0.5, -6.5] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    const r = linePieces(mlp, [-4], [4]);
    expect(r.pieces).toBe(7);
    expect(r.linearPieces).toBe(7);
    const xs = Array.from(r.breakpoints, (t) => -4 + 8 * t);
    [-3, -0.5, 0, 0.5, 2, 2.5].forEach((x, i) => {
      expect(xs[i]).toBeCloseTo(x, 12);
    });
  });

  it('a constant segment (from = to) is one piece', () => {
    const mlp = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0]], bias: [0] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    const r = linePieces(mlp, [0, 1], [0, 1]);
    expect(r.pieces).toBe(1);
    expect(r.linearPieces).toBe(1);
  });

  it('refuses smooth activations, saying why, and bad points', () => {
    const sig = mlpFromLayers(2, [
      { activation: 'sigmoid', weights: [[1, 0]], bias: [0] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    expect(() => linePieces(sig, [0, 0], [1, 1])).toThrow(
      /linePieces: layers\[0\]\.activation "sigmoid" is smooth, so the network is not piecewise linear/,
    );
    const relu = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0]], bias: [0] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    expect(() => linePieces(relu, [0], [1, 1])).toThrow("from has 1 coordinates but the model's inputDim is 2");
    expect(() => linePieces(relu, [0, 0], [1, Number.NaN])).toThrow('to[1] is not a finite number');
  });

  it('property: agrees with a dense brute-force scan and with evaluating the net', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => checkAgainstBruteForce(seed, false)),
      { seed: 20261129, numRuns: 250 },
    );
  });

  it('property: the same on dyadic nets full of exact coincidences, ties and z ≡ 0 stretches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => checkAgainstBruteForce(seed, true)),
      { seed: 7, numRuns: 250 },
    );
  });
});
