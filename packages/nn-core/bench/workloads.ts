import { createRng } from '@tessera/nn-core';

export interface Workload {
  id: 'W1' | 'W2' | 'W3';
  title: string;
  widths: number[];
  act: 'tanh' | 'relu';
  loss: 'mse' | 'bce';
  opt: 'sgd' | 'adam';
  lr: number;
  epochs: number;
  batch: number;
  shuffle: boolean;
  n: number;
  x: Float64Array;
  y: Float64Array;
}

function paraboloid(n: number, seed: number) {
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

function circles(n: number, seed: number) {
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

/** The three workloads of shared/bench/training.md. */
export function workloads(): Workload[] {
  const w1 = paraboloid(1000, 1);
  const w2 = circles(500, 1);
  const w3 = paraboloid(10_000, 3);
  return [
    { id: 'W1', title: '2-6-1 tanh, MSE, 1000 pts, full-batch SGD 0.05, 2000 epochs', widths: [2, 6, 1], act: 'tanh', loss: 'mse', opt: 'sgd', lr: 0.05, epochs: 2000, batch: 1000, shuffle: false, n: 1000, ...w1 },
    { id: 'W2', title: 'circles 500 pts, 2-8-8-1 relu, BCE on logits, SGD 0.1 batch 10, 50 epochs', widths: [2, 8, 8, 1], act: 'relu', loss: 'bce', opt: 'sgd', lr: 0.1, epochs: 50, batch: 10, shuffle: true, n: 500, ...w2 },
    { id: 'W3', title: '10 000 pts, 2-64-64-64-1 relu, MSE, Adam 1e-3, batch 256, 10 epochs', widths: [2, 64, 64, 64, 1], act: 'relu', loss: 'mse', opt: 'adam', lr: 1e-3, epochs: 10, batch: 256, shuffle: true, n: 10_000, ...w3 },
  ];
}
