import { mlpFromLayers } from '@tessera/nn-core';
import {
  checkPartition,
  enumerateRegions,
  levelSet,
  linearRegionPolygons,
  regionMap,
  regionPattern,
  regionVertices,
  slicePlane,
} from '@tessera/geometry';

// A ReLU "tower" (theory.md §4.2): 1 on a core rectangle, 0 outside, linear ramps in between.
const tower = mlpFromLayers(2, [
  {
    activation: 'relu',
    weights: [[1, 0], [1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1], [0, 1]],
    bias: [-0.4, -0.45, -0.6, -0.65, -0.3, -0.35, -0.7, -0.75],
  },
  { activation: 'relu', weights: [[20, -20, -20, 20, 20, -20, -20, 20]], bias: [-1] },
  { activation: 'linear', weights: [[1]], bias: [0] },
]);

const p = enumerateRegions(tower, { box: [0, 1, 0, 1] });
console.log(p.regionCount, p.linearRegionCount, p.area); // 29 10 1
console.log(regionVertices(p, 0).length / 2 >= 3, regionPattern(p, 0).length); // true 10
console.log(regionMap(p, 0).map((v) => Math.round(v * 1e9) / 1e9)); // the region's f = ax·x + ay·y + c
console.log(checkPartition(p, tower).ok); // true

// the linear regions as (possibly non-convex) outlines, and the contour f = 1/2
console.log(linearRegionPolygons(p).length); // 10
const half = levelSet(p, 0.5);
console.log(half.lines.length, half.closed[0]); // 1 true

// a 3-input net restricted to a plane through its input space
const net3 = mlpFromLayers(3, [
  { activation: 'relu', weights: [[1, 0, 1], [0, 1, -1], [1, 1, 0]], bias: [0, 0, -0.5] },
  { activation: 'linear', weights: [[1, -1, 2]], bias: [0] },
]);
const plane = slicePlane(net3, { origin: [0, 0, 0.25], u: [1, 0, 0], v: [0, 1, 0] });
console.log(enumerateRegions(plane, { box: [-1, 1, -1, 1] }).regionCount); // 7
