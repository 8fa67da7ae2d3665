import { ShapeError } from './errors.js';
import { BACKWARD } from './grad.js';
import type { Tensor } from './tensor.js';

let GRAD_ENABLED = true;

/** Whether ops currently record themselves for `backward`. */
export function isGradEnabled(): boolean {
  return GRAD_ENABLED;
}

/** Runs `fn` with recording off (inference: no graph is kept, nothing is differentiable). */
export function noGrad<T>(fn: () => T): T {
  const prev = GRAD_ENABLED;
  GRAD_ENABLED = false;
  try {
    return fn();
  } finally {
    GRAD_ENABLED = prev;
  }
}

/**
 * Reverse-mode autodiff: seeds d(root)/d(root) = 1 (or `seed` for a non-scalar root), then walks
 * the recorded ops in reverse creation order (the tape), applying each op's one backward rule from
 * `BACKWARD`. Gradients ACCUMULATE into `grad` of every tensor that requires grad (zero them between
 * steps); intermediate tensors get `grad` too.
 */
export function backward(root: Tensor, seed?: Float64Array): void {
  if (!root.requiresGrad) throw new ShapeError('backward(): the tensor does not depend on anything that requires grad');
  if (seed === undefined && root.size !== 1)
    throw new ShapeError(`backward(): root has ${root.size} elements; pass a seed gradient or reduce it to a scalar`);
  if (seed !== undefined && seed.length !== root.size)
    throw new ShapeError(`backward(): seed has ${seed.length} values, root has ${root.size}`);
  // Collect the reachable recorded nodes, then order them by creation (tape order).
  const nodes: Tensor[] = [];
  const seen = new Set<number>();
  const stack: Tensor[] = [root];
  while (stack.length > 0) {
    const t = stack.pop() as Tensor;
    if (seen.has(t.id) || !t.requiresGrad) continue;
    seen.add(t.id);
    nodes.push(t);
    for (const x of t.inputs) stack.push(x);
  }
  nodes.sort((a, b) => b.id - a.id);
  for (const t of nodes) if (t.op !== null && t.grad) t.grad.fill(0);
  if (!root.grad) root.grad = new Float64Array(root.size);
  if (seed) for (let i = 0; i < seed.length; i++) root.grad[i] += seed[i];
  else root.grad[0] += 1;
  for (const t of nodes) {
    if (t.op === null || t.grad === null) continue;
    BACKWARD[t.op](t, t.grad);
  }
}

/** Zeroes the gradients of the given tensors. */
export function zeroGrad(params: readonly Tensor[]): void {
  for (const p of params) p.zeroGrad();
}
