import { paraboloidFunction } from '@tessera/datasets';
import { add, gradcheck, loss, type Mlp, matmul, mlpParameters, tanh, type Tensor, tensor } from '@tessera/nn-core';
import { networkDiagram } from '@tessera/render-svg';
import { trainModel } from '../commands/train.js';
import type { DemoContext } from './context.js';
import { code, figure, num, p, type Section, table } from './html.js';
import { BOX, type SetupResult } from './shallow.js';

/**
 * Section: one backprop step on the 2-6-1 tanh net, written out with the engine's own numbers
 * (forward values and gradients of every intermediate tensor, from nn-core's tape), then a gradient
 * check (central differences) of the whole net on a minibatch.
 */
export function backpropSection(ctx: DemoContext, data: SetupResult): { section: Section; maxRelError: number; model: Mlp } {
  const r = trainModel({
    data: data.train,
    hidden: [6],
    activation: 'tanh',
    loss: 'mse',
    optimizer: 'sgd',
    lr: 0.05,
    epochs: ctx.quick ? 200 : 2000,
    batch: data.train.n,
    testSplit: 0,
    seed: ctx.seed,
    meta: { box: BOX, demo: 'backprop walk-through (W1 settings: full-batch SGD, lr 0.05)' },
  });
  const mlp = r.model;
  const file = ctx.writeModel('2-6-1-tanh', mlp);
  const x1 = 1;
  const x2 = -0.5;
  const target = paraboloidFunction(x1, x2);

  // The graph, op by op, on nn-core's tape (the same ops mlpForward uses).
  const [W1, b1, W2, b2] = mlpParameters(mlp) as [Tensor, Tensor, Tensor, Tensor];
  const x = tensor([x1, x2], [1, 2]);
  const z1 = add(matmul(x, W1, { transB: true }), b1);
  const h1 = tanh(z1);
  const yhat = add(matmul(h1, W2, { transB: true }), b2);
  const L = loss(yhat, new Float64Array([target]), 'mse');
  L.backward();
  const g = (t: Tensor, i: number): number => (t.grad as Float64Array)[i] as number;

  const rows = [];
  for (let j = 0; j < 6; j++) {
    const hz = h1.data[j] as number;
    rows.push([
      j + 1,
      z1.data[j] as number,
      hz,
      W2.data[j] as number,
      g(h1, j),
      1 - hz * hz,
      g(z1, j),
      g(W1, 2 * j),
      g(W1, 2 * j + 1),
      g(W2, j),
    ]);
  }
  const dYhat = g(yhat, 0);
  const check = gradcheck(mlp, { x: data.train.x.subarray(0, 64 * 2), y: data.train.y.subarray(0, 64), n: 64 }, { loss: 'mse' });
  const diagram = networkDiagram(
    { inputDim: 2, layers: mlp.layers.map((l) => ({ activation: l.activation, weights: l.weights, bias: l.bias })) },
    { title: 'The trained 2-6-1 tanh net', width: 520, idPrefix: 'net261-' },
  );
  const fDiag = ctx.writeFigure('10-network-2-6-1-tanh', diagram, true);

  const body = [
    p(
      `The 2-6-1 tanh net (trained with the seed's settings: full-batch SGD, lr 0.05, ${r.history.epochs} epochs; training MSE ${num(r.finalLoss)}) computes ŷ = W₂ tanh(W₁x + b₁) + b₂. Take one example, x = (${x1}, ${x2}), y = f(x) = ${num(target)}, with loss L = (ŷ − y)².`,
    ),
    p(
      `<strong>Forward.</strong> ŷ = ${num(yhat.data[0] as number, 6)}, so L = ${num(L.data[0] as number, 6)}. <strong>Backward</strong> (the chain rule, right to left): ∂L/∂ŷ = 2(ŷ − y) = ${num(dYhat, 6)}; ∂L/∂b₂ = ∂L/∂ŷ = ${num(g(b2, 0), 6)}; ∂L/∂W₂[j] = ∂L/∂ŷ · h[j]; ∂L/∂h[j] = ∂L/∂ŷ · W₂[j]; ∂L/∂z[j] = ∂L/∂h[j] · (1 − h[j]²) (tanh′ = 1 − tanh²); ∂L/∂W₁[j] = ∂L/∂z[j] · x and ∂L/∂b₁[j] = ∂L/∂z[j]. Every number in the table is read from nn-core's tape after ${code('L.backward()')} — check any row by hand: column 7 = column 5 × column 6, column 8 = column 7 × ${x1}, column 9 = column 7 × (${x2}).`,
    ),
    table(['j', 'z[j]', 'h[j] = tanh z', 'W₂[j]', '∂L/∂h[j]', "tanh′(z[j])", '∂L/∂z[j]', '∂L/∂W₁[j,1]', '∂L/∂W₁[j,2]', '∂L/∂W₂[j]'], rows),
    p(
      `<strong>Gradient check.</strong> ${code('gradcheck')} compares these analytic gradients with central finite differences (h = ${check.h}) on a batch of 64 training rows, parameter by parameter: the largest relative error over all ${check.parameters} parameters is <strong>${num(check.maxRelError, 3)}</strong> (float64; anything below about 1e-6 means the backward rules are right).`,
    ),
    table(
      ['tensor', 'size', 'max relative error', 'max abs error', 'largest |gradient|'],
      check.perTensor.map((t) => [t.name, t.size, t.maxRelError, t.maxAbsError, t.maxGrad]),
    ),
    figure(diagram, `The trained net: link width = |weight|, colour = sign (blue +, orange −), node fill = bias. Model file: <a href="${file}">${file}</a>.`, fDiag),
  ].join('\n');
  return { section: { id: 'backprop', title: 'Backprop once by hand, and a gradient check', body }, maxRelError: check.maxRelError, model: mlp };
}
