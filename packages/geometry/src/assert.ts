import { InputError, type Mlp, PIECEWISE_LINEAR } from '@tessera/nn-core';

/**
 * Checks that every layer is piecewise linear; throws an InputError naming the first that is not
 * (a smooth activation has no linear regions or pieces to count). `what` prefixes the message
 * (e.g. 'linePieces'). Used by `enumerateRegions` and `linePieces`.
 *
 * @example assertPiecewiseLinear(mlp, 'linePieces') // throws for a sigmoid layer
 */
export function assertPiecewiseLinear(mlp: Mlp, what?: string): void {
  mlp.layers.forEach((layer, l) => {
    if (!PIECEWISE_LINEAR.has(layer.activation))
      throw new InputError(
        `${what ? `${what}: ` : ''}layers[${l}].activation "${layer.activation}" is smooth, so the network is not piecewise linear and has no linear regions to enumerate (supported: relu, leaky_relu, prelu, abs, hardtanh, maxout, linear)`,
      );
  });
}
