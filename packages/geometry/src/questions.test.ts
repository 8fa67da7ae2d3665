import { describe, expect, it } from 'vitest';
import { answerAreTrainedNetsTowers, answerMustWeightsBeZero, answerOneHiddenLayer, answerSmoothVsDiscrete } from './questions.js';

describe("the seed's questions", () => {
  it('smooth vs discrete: a finite-w step has a band 2 ln 19 / w and is ½ at its step point', () => {
    const a = answerSmoothVsDiscrete();
    expect(a.numbers.bandWidth).toBeCloseTo((2 * Math.log(19)) / 1000, 15);
    expect(a.numbers.valueAtStepPoint).toBeCloseTo(0.5, 12);
    expect(a.numbers.bumpL1Gap).toBeGreaterThan(0);
    // the failure windows: one grid errs by ≈ f at the interior corner nearest (2, 2) (≈ 7.5);
    // four shifted copies by at most 11/4 + the plateau error
    expect(a.numbers.windowSupError).toBeGreaterThan(7);
    expect(a.numbers.copiesSupError).toBeLessThan(3.3);
    expect(a.numbers.copiesNeurons).toBe(385);
  });

  it('one hidden layer: plateau nh, skirts 2/3 at twice the apothem, → ½, n-gon area ratio', () => {
    const a = answerOneHiddenLayer(16);
    expect(a.numbers.skirtAtTwiceApothem).toBeCloseTo(2 / 3, 14);
    expect(a.numbers.farField).toBeCloseTo(0.5 + Math.asin(0.01) / Math.PI, 14);
    expect(a.numbers.areaRatio).toBeCloseTo(a.numbers.areaRatioTheory!, 9);
    expect(a.numbers.separableSupError).toBeCloseTo(0.125, 9);
  });

  it('no zero weights are needed: a generic n-gon has none, and a small tilt changes little', () => {
    const a = answerMustWeightsBeZero();
    expect(a.numbers.zeroWeights).toBe(0);
    expect(a.numbers.axisAlignedZeroWeights).toBe(4);
    expect(a.numbers.changedFraction).toBeLessThan(0.01);
  });

  it('trained nets are not towers: tower-likeness ≈ 0 against 1 for the constructions', () => {
    const a = answerAreTrainedNetsTowers();
    expect(a.numbers.towerLikeness).toBeLessThan(0.2);
    expect(a.numbers.constructionLikeness).toBe(1);
    expect(a.numbers.trainedNeurons).toBeGreaterThanOrEqual(a.numbers.towerNeurons!);
  });
});
