import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMlp,
  evaluateMlp,
  evaluatePoint,
  fromMlp,
  mlpFromLayers,
  mlpToJson,
  mlpWidths,
  ModelFormatError,
  parseMlp,
  parseMlpText,
  serializeMlp,
  toMlp,
} from './index.js';

const good = () => ({
  format: 'tessera.mlp',
  version: 1,
  inputDim: 2,
  layers: [
    { activation: 'relu', weights: [[0.5, -1.2], [1.0, 0.3], [-0.7, 0.9]], bias: [0.1, 0.0, -0.2] },
    { activation: 'linear', weights: [[1.0, -2.0, 0.5]], bias: [3.0] },
  ],
});

const refuse = (doc: unknown, pattern: RegExp) => {
  let err: unknown;
  try {
    parseMlp(doc);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ModelFormatError);
  expect((err as Error).message).toMatch(pattern);
};

describe('parseMlp validates tessera.mlp v1 and names the JSON path', () => {
  it('reads the example of model-format.md', () => {
    const m = parseMlp(good());
    expect(mlpWidths(m)).toEqual([2, 3, 1]);
    // f(1, 1) by hand: h = relu([0.5-1.2+0.1, 1+0.3, -0.7+0.9-0.2]) = [0, 1.3, 0]; out = -2.6 + 3
    expect(evaluatePoint(m, [1, 1])[0]).toBeCloseTo(0.4, 14);
  });
  it('refuses NaN and Infinity (1e999 in JSON text)', () => {
    const d = good();
    (d.layers[0].weights[1] as number[])[0] = Number.NaN;
    refuse(d, /layers\[0\]\.weights\[1\]\[0\]: expected a finite number, got NaN/);
    const text = JSON.stringify(good()).replace('3]}', '1e999]}');
    expect(() => parseMlpText(text)).toThrow(/layers\[1\]\.bias\[0\]: expected a finite number, got Infinity/);
  });
  it('refuses ragged rows and missing rows', () => {
    const d = good();
    d.layers[1].weights[0] = [1, 2];
    refuse(d, /at layers\[1\]\.weights\[0\]: expected 3 numbers \(previous width\), got 2/);
    const e = good();
    e.layers[0].weights[2] = [1] as never;
    refuse(e, /layers\[0\]\.weights\[2\]: expected 2 numbers \(inputDim\), got 1/);
    const f = good();
    (f.layers[0] as { weights: unknown }).weights = [];
    refuse(f, /layers\[0\]\.weights: expected a non-empty array/);
  });
  it('refuses a bias of the wrong length', () => {
    const d = good();
    d.layers[0].bias = [0.1, 0.2];
    refuse(d, /layers\[0\]\.bias: expected 3 numbers \(one per weight row\), got 2/);
  });
  it('refuses unknown activations and missing alpha / rank', () => {
    const d = good();
    d.layers[0].activation = 'swish';
    refuse(d, /layers\[0\]\.activation: unknown activation "swish"/);
    const e = good();
    e.layers[0].activation = 'leaky_relu';
    refuse(e, /layers\[0\]\.alpha: leaky_relu needs "alpha"/);
    const f = good();
    f.layers[0].activation = 'prelu';
    refuse(f, /layers\[0\]\.alpha: prelu needs "alpha"/);
    (f.layers[0] as { alpha?: unknown }).alpha = [0.1, 0.2];
    refuse(f, /layers\[0\]\.alpha: expected 3 numbers \(one per unit\), got 2/);
    const g = good();
    g.layers[0].activation = 'maxout';
    refuse(g, /layers\[0\]\.rank: maxout needs an integer rank >= 1, got undefined/);
    (g.layers[0] as { rank?: number }).rank = 2;
    refuse(g, /maxout rank 2 needs a multiple of 2 rows, got 3/);
  });
  it('refuses wrong format, version, inputDim and bad JSON', () => {
    refuse({ ...good(), format: 'onnx' }, /at format: expected "tessera.mlp", got "onnx"/);
    refuse({ ...good(), version: 2 }, /at version: expected 1, got 2/);
    refuse({ ...good(), inputDim: 0 }, /at inputDim: expected a positive integer/);
    refuse({ ...good(), meta: [1] }, /at meta: expected an object/);
    expect(() => parseMlpText('{"format": ')).toThrow(/invalid tessera.mlp at \$: not valid JSON/);
  });
  it('keeps meta (including unknown fields) and the name through save and load', () => {
    const doc = { ...good(), name: 'net', meta: { dataset: 'paraboloid', seed: 3, extra: { nested: [1, 'a', null] } } };
    const m = parseMlpText(serializeMlp(parseMlp(doc)));
    expect(m.meta).toEqual(doc.meta);
    expect(m.name).toBe('net');
  });
});

describe('save → load round-trips bit-exactly', () => {
  it('for random float64 weights of every activation (including -0, tiny and huge values)', () => {
    const bits = (a: Float64Array) => Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));
    fc.assert(
      fc.property(
        fc.constantFrom('relu', 'leaky_relu', 'prelu', 'elu', 'maxout', 'tanh', 'sigmoid', 'abs'),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 40, maxLength: 40 }),
        (activation, values) => {
          const m = createMlp({ arch: '3-4-2', activation: activation as never, seed: 1, rank: 2 });
          let k = 0;
          for (const l of m.layers) for (let i = 0; i < l.weights.length; i++) l.weights[i] = values[k++ % values.length];
          m.layers[1].bias[0] = -0;
          const back = parseMlpText(serializeMlp(m, 2));
          m.layers.forEach((l, i) => {
            expect(bits(back.layers[i].weights)).toEqual(bits(l.weights));
            expect(bits(back.layers[i].bias)).toEqual(bits(l.bias));
            if (l.alphas) expect(bits(back.layers[i].alphas as Float64Array)).toEqual(bits(l.alphas));
            expect(back.layers[i].alpha).toBe(l.alpha);
          });
          expect(serializeMlp(back)).toBe(serializeMlp(m));
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });
});

describe('conversion and batch evaluation', () => {
  it('toMlp / fromMlp are deep copies and merge meta', () => {
    const model = createMlp({ arch: '2-3-1', activation: 'prelu', seed: 2, meta: { a: 1 } });
    const snap = toMlp(model, { b: 2 });
    expect(snap.meta).toEqual({ a: 1, b: 2 });
    model.layers[0].weights[0] += 1;
    (model.layers[0].alphas as Float64Array)[0] = 9;
    expect(snap.layers[0].weights[0]).not.toBe(model.layers[0].weights[0]);
    expect((snap.layers[0].alphas as Float64Array)[0]).toBe(0.25);
    const copy = fromMlp(snap);
    copy.layers[1].bias[0] = 42;
    expect(snap.layers[1].bias[0]).toBe(0);
    expect(mlpToJson(copy).layers[0].alpha).toHaveLength(3);
  });
  it('evaluating a batch equals evaluating each point', () => {
    const m = mlpFromLayers(2, good().layers as never);
    const x = Float64Array.of(1, 1, -2, 0.5, 0.3, -0.7);
    const batch = evaluateMlp(m, x);
    for (let s = 0; s < 3; s++) expect(batch[s]).toBe(evaluatePoint(m, [x[2 * s], x[2 * s + 1]])[0]);
    expect(() => evaluateMlp(m, Float64Array.of(1, 2, 3))).toThrow(/not a multiple of inputDim 2/);
  });
});
