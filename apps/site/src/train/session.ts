import {
  createKernel,
  createMlp,
  createOptimizer,
  createRng,
  type Mlp,
  type MlpKernel,
  type Optimizer,
  parseMlpText,
  serializeMlp,
  type Activation,
  type LossName,
} from '@tessera/nn-core';
import { compileExpression } from '@tessera/datasets';
import { makeTrainData, type TrainData } from '../engine/data.js';
import { type BoundSet, boundsOf, regionsOf } from '../engine/geometry.js';
import {
  countChartSvg,
  lossChartSvg,
  neighborsOf,
  networkSvg,
  regionMapSvg,
  sampleNetGrid,
  sampleTarget,
} from '../engine/render.js';
import type { TrainConfig } from './config.js';
import type { Frame, RegionInfo, SampledTarget } from './protocol.js';

/**
 * One training run, with no DOM: the Web Worker runs it, and so does `bench/frame.bench.ts`.
 * `step(k)` takes k minibatch steps (nn-core's fused kernel + optimizer); `frame()` recomputes the
 * exact regions (geometry) and every figure (render-svg) for the current weights.
 */
export interface Session {
  readonly config: TrainConfig;
  readonly data: TrainData;
  readonly mlp: Mlp;
  step(k: number): number;
  frame(playing: boolean, timing?: number): Frame;
}

export function createSession(config: TrainConfig, options: { csv?: string; model?: string } = {}): Session {
  const data = makeTrainData(config, options.csv);
  const classification = data.kind === 'classification';
  let mlp: Mlp;
  if (options.model) {
    mlp = parseMlpText(options.model);
    if (mlp.inputDim !== data.d)
      throw new Error(`the model takes ${mlp.inputDim} inputs but the data has ${data.d} (pick a matching dataset)`);
  } else {
    // Several classes: one logit per class (softmax cross-entropy on the class index).
    const widths = [data.d, ...config.hidden.map((l) => l.units), data.classes > 2 ? data.classes : data.k];
    const acts = [...config.hidden.map((l) => l.activation as Activation), 'linear' as Activation];
    mlp = createMlp({ arch: widths, activation: acts, seed: config.seed, rank: config.rank });
  }
  if (classification && data.classes > 2 && mlp.outputDim !== data.classes)
    throw new Error(`the model has ${mlp.outputDim} outputs but the data has ${data.classes} classes`);
  const batch = Math.max(1, Math.min(config.batch, data.n));
  const kernel: MlpKernel = createKernel(mlp, batch);
  const optimizer: Optimizer = createOptimizer({ name: config.optimizer, lr: config.lr });
  const rng = createRng(config.seed + 7919);
  const order = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) order[i] = i;
  rng.shuffle(order);
  const xb = new Float64Array(batch * data.d);
  const yb = new Float64Array(batch * data.k);
  const lossName: LossName = classification ? (data.classes > 2 ? 'softmax_cross_entropy' : 'bce') : 'mse';
  let target: SampledTarget | null = null;
  if (data.target) target = sampleTarget(compileExpression(data.target), data.box);
  let cursor = 0;
  let steps = 0;
  let lastLoss = Number.NaN;
  const lossX: number[] = [];
  const lossY: number[] = [];
  const countX: number[] = [];
  const countY: number[] = [];

  function fullLoss(): number {
    // The mean loss over the whole set (what the chart shows), via the same kernel in chunks.
    let sum = 0;
    for (let start = 0; start < data.n; start += batch) {
      const b = Math.min(batch, data.n - start);
      const l = kernel.lossAndGrad(
        data.x.subarray(start * data.d, (start + b) * data.d),
        data.y.subarray(start * data.k, (start + b) * data.k),
        b,
        lossName,
        data.k,
      );
      sum += l * b;
    }
    return sum / data.n;
  }

  const session: Session = {
    config,
    data,
    mlp,
    step(k: number): number {
      for (let s = 0; s < k; s++) {
        if (cursor + batch > data.n) {
          rng.shuffle(order);
          cursor = 0;
        }
        for (let r = 0; r < batch; r++) {
          const i = order[cursor + r];
          for (let j = 0; j < data.d; j++) xb[r * data.d + j] = data.x[i * data.d + j];
          for (let j = 0; j < data.k; j++) yb[r * data.k + j] = data.y[i * data.k + j];
        }
        cursor += batch;
        lastLoss = kernel.lossAndGrad(xb, yb, batch, lossName, data.k);
        if (!Number.isFinite(lastLoss))
          throw new Error(
            `training diverged at step ${steps + 1}: the loss became ${lastLoss}; try a smaller learning rate`,
          );
        optimizer.step(kernel.slots);
        steps++;
      }
      return lastLoss;
    },
    frame(playing: boolean, timing = 0): Frame {
      const t0 = performance.now();
      const loss = fullLoss();
      if (lossX.length === 0 || lossX[lossX.length - 1] !== steps) {
        lossX.push(steps);
        lossY.push(loss);
      }
      const geo = regionsOf(mlp, data.box, data.d === 3 ? config.slice : undefined, { decision: data.classes > 2 });
      if (geo.regions !== null && (countX.length === 0 || countX[countX.length - 1] !== steps)) {
        countX.push(steps);
        countY.push(geo.regions);
      }
      const bounds: BoundSet = geo.partition ? boundsOf(mlp) : { family: '', bounds: [] };
      const regionList: RegionInfo[] = geo.regionList;
      const grid = geo.partition || data.d > 3 ? null : sampleNetGrid(mlp, data.box, 41, config.slice);
      const mapSvg = regionMapSvg(mlp, geo, data, config.slice, grid);
      const netSvg = networkSvg(mlp);
      const lossSvg = lossChartSvg(lossX, lossY, lossName);
      const countSvg = countChartSvg(countX, countY, bounds.bounds, bounds.family);
      const frameMs = timing + performance.now() - t0;
      return {
        type: 'frame',
        step: steps,
        epoch: (steps * batch) / data.n,
        loss,
        lossName,
        regions: geo.regions,
        linearRegions: geo.linearRegions,
        bounds: bounds.bounds.map((b) => [b.name, b.text]),
        boundsFamily: bounds.family,
        decisionRegions: geo.decision ? geo.decision.count : null,
        box: data.box,
        inputDim: data.d,
        classification,
        regionList,
        neighbors: geo.partition ? neighborsOf(geo.partition) : [],
        target,
        grid,
        mapSvg,
        networkSvg: netSvg,
        lossSvg,
        countSvg,
        model: serializeMlp({
          ...mlp,
          meta: { ...(mlp.meta ?? {}), site: { dataset: config.dataset, steps, loss } },
        }),
        note: geo.note,
        playing,
        frameMs,
      };
    },
  };
  return session;
}
