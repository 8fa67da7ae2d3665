import { networkDiagram, regionMap, surface3d } from '@tessera/render-svg';
import { svgToPng } from '@tessera/render-svg/png';

// f(x1, x2) = relu(x1) + relu(x2) on [-1, 1]²: four regions, each with its affine map.
const regions = [
  { vertices: [-1, -1, 0, -1, 0, 0, -1, 0], affine: { a: [0, 0], c: 0 }, pattern: '00' },
  { vertices: [0, -1, 1, -1, 1, 0, 0, 0], affine: { a: [1, 0], c: 0 }, pattern: '10' },
  { vertices: [0, 0, 1, 0, 1, 1, 0, 1], affine: { a: [1, 1], c: 0 }, pattern: '11' },
  { vertices: [-1, 0, 0, 0, 0, 1, -1, 1], affine: { a: [0, 1], c: 0 }, pattern: '01' },
];
const neighbors = [[1, 3], [0, 2], [1, 3], [0, 2]];
const box = [-1, 1, -1, 1] as const;

const map = regionMap({ box, regions, neighbors, highlight: { region: 2 } }, { color: 'value', title: 'relu(x₁) + relu(x₂)' });
const surface = surface3d({ box, regions, neighbors }, { azimuth: -60, elevation: 30 });
const net = networkDiagram({
  inputDim: 2,
  layers: [
    { activation: 'relu', weights: [1, 0, 0, 1], bias: [0, 0] },
    { activation: 'linear', weights: [1, 1], bias: [0] },
  ],
});

console.log(map.startsWith('<svg'), (map.match(/<polygon /g) ?? []).length); // true 5 (4 regions + the highlight)
console.log(surface.includes('4 planar facets')); // true
console.log(net.includes('<title>w = 1</title>')); // true
const png = svgToPng(map, { width: 400 });
console.log(png.length > 1000, png[1] === 0x50); // true true (a PNG)
