import { circles, paraboloid } from '../test/data.js';

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
