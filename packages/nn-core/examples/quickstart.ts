import {
  backward,
  createMlp,
  createRng,
  fit,
  gradcheck,
  mul,
  parseMlpText,
  predict,
  serializeMlp,
  sum,
  tanh,
  tensor,
  toMlp,
} from '@tessera/nn-core';

// 1. Data from the seed: f(x1, x2) = x1² + x2² + 3 on [-2, 2]², 1000 points, seeded.
const rng = createRng(1);
const n = 1000;
const x = new Float64Array(2 * n);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const a = rng.uniform(-2, 2);
  const b = rng.uniform(-2, 2);
  x[2 * i] = a;
  x[2 * i + 1] = b;
  y[i] = a * a + b * b + 3;
}

// 2. A 2-6-1 tanh network, trained with full-batch SGD (the W1 workload).
const model = createMlp({ arch: '2-6-1', activation: 'tanh', seed: 1 });
const history = fit(model, { x, y }, { epochs: 2000, batchSize: n, shuffle: false, optimizer: 'sgd', lr: 0.05 });
console.log('final MSE', history.finalLoss.toFixed(4)); // final MSE 0.0134
console.log('f(1, 1) ≈', predict(model, Float64Array.of(1, 1))[0].toFixed(2)); // f(1, 1) ≈ 4.81

// 3. Gradient check: backprop against central finite differences.
const check = gradcheck(model, { x: x.subarray(0, 64), y: y.subarray(0, 32) });
console.log('gradcheck max relative error < 1e-6:', check.maxRelError < 1e-6); // ... true

// 4. Save as tessera.mlp and load it back, bit-exactly.
const text = serializeMlp(toMlp(model, { dataset: 'paraboloid' }));
const loaded = parseMlpText(text);
console.log('round trip exact:', loaded.layers[0].weights.every((w, i) => w === model.layers[0].weights[i])); // true

// 5. The tape engine, micrograd style: d/dw sum(tanh(w · v)) = v · (1 − tanh²(w · v)).
const w = tensor([0.5, -1], undefined, { requiresGrad: true });
const v = tensor([2, 3]);
backward(sum(tanh(mul(w, v))));
console.log('grad', Array.from(w.grad ?? [], (g) => g.toFixed(4))); // grad [ '0.8399', '0.0296' ]
