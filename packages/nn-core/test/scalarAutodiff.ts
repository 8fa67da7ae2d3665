/**
 * A tiny scalar reverse-mode autodiff (micrograd style), written independently of the tensor
 * engine, used only as a second reference in the tests.
 */
export class V {
  data: number;
  grad = 0;
  private parents: Array<[V, number]>;
  constructor(data: number, parents: Array<[V, number]> = []) {
    this.data = data;
    this.parents = parents;
  }
  add(o: V | number): V {
    const b = o instanceof V ? o : new V(o);
    return new V(this.data + b.data, [
      [this, 1],
      [b, 1],
    ]);
  }
  mul(o: V | number): V {
    const b = o instanceof V ? o : new V(o);
    return new V(this.data * b.data, [
      [this, b.data],
      [b, this.data],
    ]);
  }
  sub(o: V | number): V {
    return this.add(o instanceof V ? o.mul(-1) : -o);
  }
  /** Applies f with local derivative d (both given by the caller from first principles). */
  unary(value: number, local: number): V {
    return new V(value, [[this, local]]);
  }
  backward(): void {
    const order: V[] = [];
    const seen = new Set<V>();
    const visit = (v: V): void => {
      if (seen.has(v)) return;
      seen.add(v);
      for (const [p] of v.parents) visit(p);
      order.push(v);
    };
    visit(this);
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i];
      for (const [p, local] of v.parents) p.grad += local * v.grad;
    }
  }
}

/** Scalar activations with derivatives written out by hand (kinks: the documented convention). */
export function act(name: string, x: V, alpha = 0.01): V {
  const z = x.data;
  switch (name) {
    case 'relu':
      return x.unary(z > 0 ? z : 0, z > 0 ? 1 : 0);
    case 'leaky_relu':
      return x.unary(z > 0 ? z : alpha * z, z > 0 ? 1 : alpha);
    case 'elu':
      return x.unary(z > 0 ? z : alpha * (Math.exp(z) - 1), z > 0 ? 1 : alpha * Math.exp(z));
    case 'sigmoid': {
      const s = 1 / (1 + Math.exp(-z));
      return x.unary(s, s * (1 - s));
    }
    case 'tanh': {
      const t = Math.tanh(z);
      return x.unary(t, 1 - t * t);
    }
    case 'softplus':
      return x.unary(Math.log(1 + Math.exp(z)), 1 / (1 + Math.exp(-z)));
    case 'abs':
      return x.unary(Math.abs(z), z > 0 ? 1 : z < 0 ? -1 : 0);
    case 'hardtanh':
      return x.unary(Math.min(1, Math.max(-1, z)), z > -1 && z < 1 ? 1 : 0);
    case 'linear':
      return x.unary(z, 1);
    default:
      throw new Error(`no scalar ${name}`);
  }
}
