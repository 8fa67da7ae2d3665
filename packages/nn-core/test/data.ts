import { createRng } from '../src/index.js';

/** The seed's regression: f = x1² + x2² + 3 on [-2, 2]², n points. */
export function paraboloid(n: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-2, 2);
    const b = rng.uniform(-2, 2);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = a * a + b * b + 3;
  }
  return { x, y };
}

/** Playground-style circles: label 1 inside radius 2.5, label 0 on the ring 3.5…5 (radius 5). */
export function circles(n: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const inner = i % 2 === 0;
    const r = inner ? rng.uniform(0, 2.5) : rng.uniform(3.5, 5);
    const t = rng.uniform(0, 2 * Math.PI);
    x[2 * i] = r * Math.cos(t);
    x[2 * i + 1] = r * Math.sin(t);
    y[i] = inner ? 1 : 0;
  }
  return { x, y };
}
