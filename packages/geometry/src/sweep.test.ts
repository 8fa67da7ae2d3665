import { describe, expect, it } from 'vitest';
import { idealTowerError, sigmoidHalfBand, steepnessSweep } from './sweep.js';

describe('steepnessSweep (smooth → discrete)', () => {
  const rows = steepnessSweep({ steepnesses: [3, 30, 1000], resolution: 121, grid: 4 });

  it('the measured 5–95 % band of the step network is 2·ln 19 / w', () => {
    for (const r of rows) {
      expect(r.bandWidth).toBeCloseTo(2 * Math.log(19) / r.steepness, 14);
      expect(Math.abs(r.bandWidthMeasured / r.bandWidth - 1)).toBeLessThan(1e-9);
    }
    expect(sigmoidHalfBand(1)).toBeCloseTo(2.944438979, 9);
  });

  it("the bump's L1 gap to the ideal box follows 4 ln 2 / w once the steps separate", () => {
    for (const r of rows.slice(1)) expect(Math.abs(r.bumpL1Gap / r.bumpL1GapTheory - 1)).toBeLessThan(1e-3);
    // outside its bands a step is within 5 % of 0 or 1 (plus the other step's leak)
    for (const r of rows.slice(1)) expect(r.bumpSupOutsideBands!).toBeLessThanOrEqual(0.05 + 1e-6);
  });

  it('the 2-D tower and the whole approximation become discrete as w grows', () => {
    expect(rows[2]!.towerSupOutsideBands!).toBeLessThan(1e-12);
    expect(rows[1]!.towerSupOutsideBands!).toBeLessThan(rows[0]!.towerSupOutsideBands!);
    expect(rows[2]!.approxGapOutsideBands!).toBeLessThan(1e-9);
    expect(rows[2]!.approxRmse).toBeLessThan(rows[0]!.approxRmse);
  });

  it('the copies columns: M = 4 shifted grids lower the sup error at about M times the neurons', () => {
    const r = rows[2]!;
    expect(r.copies).toBe(4);
    // k = 4: 2·5 + 16 units for one grid, plus 3 × (2·6 + 25) for the shifted copies
    expect([r.approxNeurons, r.approxNeuronsCopies]).toEqual([26, 26 + 3 * 37]);
    expect(r.approxSupErrorCopies).toBeLessThan(r.approxSupError / 1.5);
    expect(r.approxRmseCopies).toBeLessThan(r.approxRmse);
  });

  it('idealTowerError: x² + y² + 3 with cell-centre heights errs most at the outer corners', () => {
    // k = 8 on [−2, 2]²: corner cell centre (1.75, 1.75), corner (2, 2): 11 − 9.125 = 1.875
    expect(idealTowerError((x, y) => x * x + y * y + 3, [-2, 2, -2, 2], 8).supError).toBeCloseTo(1.875, 12);
  });
});
