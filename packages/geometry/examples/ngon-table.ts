// One hidden layer of n-gon towers approximating f(x1, x2) = x1² + x2² + 3 on [−2, 2]²:
// hand-built heights f(centre)/n vs least-squares output weights (the demo's settings).
// Run: node --conditions=tessera-source --import tsx examples/ngon-table.ts
import { approximateWithNgonTowers, ngonApproximationTable } from '@tessera/geometry';

const f = (x: number, y: number): number => x * x + y * y + 3;
const box = [-2, 2, -2, 2] as const;
const t0 = performance.now();
const rows = ngonApproximationTable(f, box, { grids: [2, 4, 6], sides: [4, 8, 16], gridResolution: 101, fitResolution: 41, skirtResolution: 61 });
const ms = performance.now() - t0;
console.log('| k | n | neurons | parameters | hand sup (est.) | hand RMSE | mean skirt | skirt min…max | LS sup (est.) | LS RMSE |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.grid} | ${r.sides} | ${r.neurons} | ${r.parameters} | ${r.hand.supError.toFixed(2)} | ${r.hand.rmse.toFixed(2)} | ${r.skirt.meanSkirt.toFixed(2)} | ${r.skirt.minSkirt.toFixed(2)}…${r.skirt.maxSkirt.toFixed(2)} | ${r.leastSquares.supError.toFixed(3)} | ${r.leastSquares.rmse.toFixed(4)} |`,
  );
console.log(`table: ${ms.toFixed(0)} ms (Node ${process.version})`);

// ReLU ramps instead of sigmoid steps: the net is piecewise linear, so the sup error is certified
const relu = approximateWithNgonTowers(f, box, { grid: 4, sides: 8, kind: 'relu', steepness: 20, curvatureBound: 2 });
console.log('relu k=4 n=8 w=20:', relu.neurons, 'neurons,', relu.activationRegions, 'regions, sup', relu.supError.toFixed(4), relu.supErrorKind, ', rmse', relu.rmse.toFixed(4));
