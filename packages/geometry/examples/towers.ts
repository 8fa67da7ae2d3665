// node --conditions=tessera-source --import tsx examples/towers.ts
import { approximateWithTowers, boxTowerNet, ngonTowerNet, ngonPlateauPolygon, ngonMeasure, towerLikeness } from '@tessera/geometry';
import { evaluatePoint } from '@tessera/nn-core';

// Nielsen's tower with the book's numbers (w = 1000, h = 10, bias −15): σ(5) on the tower
const tower = boxTowerNet([0.4, 0.6, 0.3, 0.7], { steepness: 1000, gain: 10 });
console.log(evaluatePoint(tower, [0.5, 0.5])[0]!.toFixed(6)); // 0.993307

// f(x1, x2) = x1² + x2² + 3 on [−2, 2]² with 8 × 8 ReLU towers; supError is certified with M = 2
const a = approximateWithTowers((x, y) => x * x + y * y + 3, [-2, 2, -2, 2], { grid: 8, curvatureBound: 2 });
console.log(a.neurons, a.supErrorLower, a.supError.toFixed(5), a.supErrorKind); // 151 0.125 0.12625 certified

// one hidden layer: a 16-gon tower cut by a ReLU threshold, measured against the disc
const ngon = ngonTowerNet({ n: 16, kind: 'relu', threshold: 'relu' });
console.log(ngonMeasure(ngonPlateauPolygon(ngon), 1).areaRatio.toFixed(4)); // 1.0131 = (16/π)·tan(π/16)
console.log(towerLikeness(ngonTowerNet({ n: 8 })).score); // 1
