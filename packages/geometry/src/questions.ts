import { evaluateMlp, type Mlp } from '@tessera/nn-core';
import { approximateWithTowers } from './approximate.js';
import { ngonAreaRatio, ngonHausdorffGap, ngonPlateauPolygon, ngonMeasure, ngonSkirtMean, ngonTowerNet } from './towersNgon.js';
import { sigmoidHalfBand } from './sweep.js';
import { bumpNet } from './towers1d.js';
import { towerLikeness } from './ridges.js';
import { compareWithTowers, trainSeedNet } from './ridgesCompare.js';

/** A short numeric answer for the site and the demo: one sentence plus the numbers it quotes. */
export interface TowerAnswer {
  question: string;
  answer: string;
  numbers: Record<string, number>;
}

const PARABOLOID = (x: number, y: number): number => x * x + y * y + 3;
const BOX = [-2, 2, -2, 2] as const;

/**
 * Question 1 — is the tower approximation smooth or discrete? Smooth: every sigmoid step has a
 * transition band of width 2·ln 19 / w (5 %→95 %), and the bump's L1 distance to the ideal box is
 * 4 ln 2 / w > 0 for every finite w; it only becomes discrete in the limit w → ∞. The ReLU towers
 * are continuous and piecewise linear (ramps of width 1/w), never discontinuous either.
 */
export function answerSmoothVsDiscrete(): TowerAnswer {
  const w = 1000;
  const bump = bumpNet(-1, 1, { steepness: w });
  // value exactly at the step point: always ½ of the height, whatever w
  const atStep = evaluateMlp(bump, Float64Array.of(-1), 1)[0]!;
  // what the discrete picture costs: the failure windows of an 8 × 8 sigmoid tower net for f, and
  // Nielsen's remedy (4 shifted copies)
  const o = { grid: 8, kind: 'sigmoid', steepness: w, gridResolution: 101 } as const;
  const one = approximateWithTowers(PARABOLOID, BOX, o);
  const four = approximateWithTowers(PARABOLOID, BOX, { ...o, copies: 4 });
  return {
    question: 'Is the approximation smooth or discrete?',
    answer: `Smooth: at w = ${w} each step still climbs from 5 % to 95 % over ${(2 * sigmoidHalfBand(w)).toFixed(5)} (2·ln 19/w), and is exactly ½ at its step point; it is a step only in the limit w → ∞ (ReLU towers: continuous ramps of width 1/w). Where four towers meet the net drops to ≈ 0 (Nielsen's windows of failure): 8 × 8 sigmoid towers for x1² + x2² + 3 err by up to ${one.supError.toFixed(2)} (${one.neurons} neurons); 4 shifted copies cut that to ${four.supError.toFixed(2)} with ${four.neurons} neurons (grid estimates).`,
    numbers: {
      windowSupError: one.supError,
      windowNeurons: one.neurons,
      copies: 4,
      copiesSupError: four.supError,
      copiesNeurons: four.neurons,
      steepness: w,
      bandWidth: 2 * sigmoidHalfBand(w),
      bandWidthAtW10: 2 * sigmoidHalfBand(10),
      valueAtStepPoint: atStep,
      bumpL1Gap: (4 * Math.LN2) / w,
    },
  };
}

/**
 * Question 2 — how does it work with one hidden layer? Steps in n directions around a centre sum to
 * a plateau of height n·h on a regular n-gon, standing on "skirts" that decay like n·h·r/(πρ) to
 * n·h/2 (theory §3.2); a threshold (sigmoid output with t = n − ½) cuts the skirts off and leaves an
 * n-gon tower, whose area is (n/π)·tan(π/n) times the disc's.
 */
export function answerOneHiddenLayer(n = 16): TowerAnswer {
  const relu = ngonTowerNet({ n, r: 1, kind: 'relu', threshold: 'relu' });
  const m = ngonMeasure(ngonPlateauPolygon(relu), 1);
  const sep = approximateWithTowers(PARABOLOID, BOX, { grid: 8, hiddenLayers: 1, curvatureBound: 2 });
  return {
    question: 'How does it work with a single hidden layer?',
    answer: `Sum ${n} steps facing a centre: height ${n}h on a ${n}-gon, skirts of ${((ngonSkirtMean(2, n) / n) * 100).toFixed(1)} % of that at twice the apothem, ${((ngonSkirtMean(100, n) / n) * 100).toFixed(1)} % far away; a sigmoid output with threshold n − ½ cuts the skirts and leaves the ${n}-gon (area ${m.areaRatio.toFixed(4)} × the disc). For x1² + x2² + 3 one layer needs no towers at all: ${sep.neurons} ReLUs give max error ${sep.supErrorLower.toFixed(4)}.`,
    numbers: {
      n,
      plateau: n,
      skirtAtTwiceApothem: ngonSkirtMean(2, n) / n,
      farField: ngonSkirtMean(100, n) / n,
      areaRatio: m.areaRatio,
      areaRatioTheory: ngonAreaRatio(n),
      hausdorff: m.hausdorff,
      hausdorffTheory: ngonHausdorffGap(n),
      separableNeurons: sep.neurons,
      separableSupError: sep.supErrorLower,
    },
  };
}

/**
 * Question 3 — must weights be forced to zero (Nielsen's x-steps have w2 = 0)? No: the n-gon
 * towers use every direction with all weights non-zero, and tilting Nielsen's axis steps by a small
 * angle ε changes the tower only in thin slivers (width ≈ ε × distance from the rotation centre).
 */
export function answerMustWeightsBeZero(): TowerAnswer {
  const n = 8;
  const net = ngonTowerNet({ n, r: 1, theta0: 0.1, threshold: 'sigmoid' });
  const weights = net.layers[0]!.weights;
  let zeros = 0;
  let minAbs = Number.POSITIVE_INFINITY;
  for (const w of weights) {
    if (w === 0) zeros++;
    minAbs = Math.min(minAbs, Math.abs(w));
  }
  // the same 8-gon rotated so that four of its normals are axis-aligned has zero weights; the two
  // differ only near the rotated edges: fraction of a 201² grid where the outputs differ by > ½
  const axis = ngonTowerNet({ n, r: 1, theta0: 0, threshold: 'sigmoid' });
  const tilt = ngonTowerNet({ n, r: 1, theta0: 0.01, threshold: 'sigmoid' });
  const res = 201;
  const pts = new Float64Array(2 * res * res);
  for (let i = 0; i < res; i++)
    for (let j = 0; j < res; j++) {
      pts[2 * (i * res + j)] = -1.5 + (3 * i) / (res - 1);
      pts[2 * (i * res + j) + 1] = -1.5 + (3 * j) / (res - 1);
    }
  const ya = evaluateMlp(axis, pts, res * res);
  const yt = evaluateMlp(tilt, pts, res * res);
  let differ = 0;
  for (let p = 0; p < res * res; p++) if (Math.abs(ya[p]! - yt[p]!) > 0.5) differ++;
  let axisZeros = 0;
  for (const w of axis.layers[0]!.weights) if (Math.abs(w) < 1e-9) axisZeros++;
  return {
    question: 'Must some weights be forced to zero?',
    answer: `No. An ${n}-gon tower tilted by 0.1 rad has ${zeros} zero weights among its ${weights.length} first-layer weights (smallest |w| = ${minAbs.toFixed(1)}); tilting the axis-aligned one (${axisZeros} near-zero weights) by 0.01 rad changes its thresholded output on ${((100 * differ) / (res * res)).toFixed(2)} % of the square.`,
    numbers: {
      zeroWeights: zeros,
      firstLayerWeights: weights.length,
      smallestAbsWeight: minAbs,
      axisAlignedZeroWeights: axisZeros,
      tiltRadians: 0.01,
      changedFraction: differ / (res * res),
    },
  };
}

/**
 * Is the tower picture what trained nets do? No: a ReLU net trained on the seed's data (or the
 * `trained` net given) has tower-likeness ≈ 0 (no cancelling step/ramp pairs), while every tower
 * construction scores 1; trained nets use long ridges instead, many of them near-axis-aligned for
 * this separable target.
 */
export function answerAreTrainedNetsTowers(trained?: Mlp): TowerAnswer {
  const net = trained ?? trainSeedNet(PARABOLOID, BOX, { hidden: 32 });
  const t = towerLikeness(net);
  const c = compareWithTowers(net, PARABOLOID, BOX, { curvatureBound: 2 });
  const ramps = towerLikeness(ngonTowerNet({ n: 7, kind: 'relu' })).score;
  return {
    question: 'Do trained networks build towers?',
    answer: `No: the trained ${c.trained.widths.join('-')} net has tower-likeness ${t.score.toFixed(2)} (an n-gon ramp tower: ${ramps.toFixed(2)}), with ${(100 * t.axisAligned).toFixed(0)} % of its ridge mass near an axis; it reaches max error ${c.trained.supError.toFixed(3)} with ${c.trained.neurons} neurons and ${c.trained.linearRegions} linear regions, where towers of the same budget reach ${c.towers.supError.toFixed(3)} with ${c.towers.neurons} neurons.`,
    numbers: {
      towerLikeness: t.score,
      axisAligned: t.axisAligned,
      constructionLikeness: ramps,
      trainedNeurons: c.trained.neurons,
      trainedSupError: c.trained.supError,
      trainedRmse: c.trained.rmse,
      trainedLinearRegions: c.trained.linearRegions ?? Number.NaN,
      towerNeurons: c.towers.neurons,
      towerSupError: c.towers.supError,
      towerRmse: c.towers.rmse,
      towerLinearRegions: c.towers.linearRegions ?? Number.NaN,
    },
  };
}
