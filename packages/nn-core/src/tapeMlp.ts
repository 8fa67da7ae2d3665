import type { Mlp } from './model.js';
import { add, elu, hardtanh, leakyRelu, linear, matmul, maxout, prelu, relu, sigmoid, softplus, tanh, abs } from './ops.js';
import { Tensor } from './tensor.js';

/**
 * The parameters of `mlp` as tensors that SHARE its typed arrays (no copy): per layer `weights`
 * [rows, nIn], `bias` [rows] and, for prelu, `alpha` [units], named like `layers[0].weights`.
 * Updating `t.data` updates the network.
 */
export function mlpParameters(mlp: Mlp): Tensor[] {
  const out: Tensor[] = [];
  mlp.layers.forEach((layer, l) => {
    out.push(new Tensor(layer.weights, [layer.rows, layer.nIn], { requiresGrad: true, name: `layers[${l}].weights` }));
    out.push(new Tensor(layer.bias, [layer.rows], { requiresGrad: true, name: `layers[${l}].bias` }));
    if (layer.alphas)
      out.push(new Tensor(layer.alphas, [layer.units], { requiresGrad: true, name: `layers[${l}].alpha` }));
  });
  return out;
}

/**
 * The network as a tape graph: x [batch, inputDim] → outputs [batch, outputDim], built from the
 * general ops (`matmul` with transB, broadcast `add`, the activation ops). Pass the tensors from
 * {@link mlpParameters} to get gradients for them.
 */
export function mlpForward(mlp: Mlp, x: Tensor, params: Tensor[] = mlpParameters(mlp)): Tensor {
  let h = x;
  let p = 0;
  for (const layer of mlp.layers) {
    const w = params[p++];
    const b = params[p++];
    const z = add(matmul(h, w, { transB: true }), b);
    switch (layer.activation) {
      case 'relu':
        h = relu(z);
        break;
      case 'leaky_relu':
        h = leakyRelu(z, layer.alpha as number);
        break;
      case 'prelu':
        h = prelu(z, params[p++]);
        break;
      case 'elu':
        h = elu(z, layer.alpha ?? 1);
        break;
      case 'sigmoid':
        h = sigmoid(z);
        break;
      case 'tanh':
        h = tanh(z);
        break;
      case 'softplus':
        h = softplus(z);
        break;
      case 'abs':
        h = abs(z);
        break;
      case 'hardtanh':
        h = hardtanh(z);
        break;
      case 'linear':
        h = linear(z);
        break;
      case 'maxout':
        h = maxout(z, layer.rank as number);
        break;
    }
  }
  return h;
}
