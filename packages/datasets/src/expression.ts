import { InputError, preview } from '@tessera/nn-core';
import { create, parseDependencies } from 'mathjs';

/**
 * Safe arithmetic expressions such as `sin(3*x) * y + 2`.
 *
 * The text is parsed by mathjs's `parse` (a real recursive-descent parser); the node tree is then
 * checked against a whitelist and compiled here into plain JavaScript closures over `Math`. Nothing
 * is ever evaluated by mathjs, `eval` or `Function`: an expression can only reach the variables,
 * constants and functions listed below. Everything else (assignments, function definitions, unknown
 * identifiers, property access, strings, matrices, objects, blocks, units) is refused at compile time
 * with an {@link InputError} naming the offending token.
 */

/** Longest accepted expression, in characters. */
export const MAX_EXPRESSION_LENGTH = 1000;

const { parse } = create({ parseDependencies }, {});

/** Named constants. */
export const EXPRESSION_CONSTANTS: Readonly<Record<string, number>> = Object.freeze({
  pi: Math.PI,
  PI: Math.PI,
  e: Math.E,
  E: Math.E,
  tau: 2 * Math.PI,
});

type Fn = (...args: number[]) => number;

const mod = (a: number, b: number): number => (b === 0 ? a : a - b * Math.floor(a / b));

/** Whitelisted functions: [implementation, min arity, max arity]. */
const FUNCTIONS: Readonly<Record<string, readonly [Fn, number, number]>> = Object.freeze({
  sin: [Math.sin, 1, 1],
  cos: [Math.cos, 1, 1],
  tan: [Math.tan, 1, 1],
  asin: [Math.asin, 1, 1],
  acos: [Math.acos, 1, 1],
  atan: [Math.atan, 1, 1],
  atan2: [Math.atan2, 2, 2],
  sinh: [Math.sinh, 1, 1],
  cosh: [Math.cosh, 1, 1],
  tanh: [Math.tanh, 1, 1],
  asinh: [Math.asinh, 1, 1],
  acosh: [Math.acosh, 1, 1],
  atanh: [Math.atanh, 1, 1],
  exp: [Math.exp, 1, 1],
  expm1: [Math.expm1, 1, 1],
  log: [(a: number, base?: number) => (base === undefined ? Math.log(a) : Math.log(a) / Math.log(base)), 1, 2],
  ln: [Math.log, 1, 1],
  log2: [Math.log2, 1, 1],
  log10: [Math.log10, 1, 1],
  log1p: [Math.log1p, 1, 1],
  sqrt: [Math.sqrt, 1, 1],
  cbrt: [Math.cbrt, 1, 1],
  square: [(a: number) => a * a, 1, 1],
  cube: [(a: number) => a * a * a, 1, 1],
  abs: [Math.abs, 1, 1],
  sign: [Math.sign, 1, 1],
  floor: [Math.floor, 1, 1],
  ceil: [Math.ceil, 1, 1],
  round: [Math.round, 1, 1],
  trunc: [Math.trunc, 1, 1],
  fix: [Math.trunc, 1, 1],
  min: [Math.min, 1, 64],
  max: [Math.max, 1, 64],
  hypot: [Math.hypot, 1, 64],
  pow: [Math.pow, 2, 2],
  mod: [mod, 2, 2],
});

/** Names of the whitelisted functions, sorted. */
export const EXPRESSION_FUNCTIONS: readonly string[] = Object.freeze(Object.keys(FUNCTIONS).sort());

const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: Math.pow,
  mod,
  larger: (a, b) => (a > b ? 1 : 0),
  smaller: (a, b) => (a < b ? 1 : 0),
  largerEq: (a, b) => (a >= b ? 1 : 0),
  smallerEq: (a, b) => (a <= b ? 1 : 0),
  equal: (a, b) => (a === b ? 1 : 0),
  unequal: (a, b) => (a !== b ? 1 : 0),
  and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};
const UNARY: Readonly<Record<string, (a: number) => number>> = {
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
  not: (a) => (a === 0 ? 1 : 0),
};

/** Compiled evaluator: reads variable values from `v` by index. */
type Compiled = (v: ArrayLike<number>) => number;

/** A parsed, checked expression over named variables. */
export interface Expression {
  /** The source text as given. */
  readonly source: string;
  /** The canonical variable names, in argument order (e.g. `['x', 'y']`). */
  readonly variables: readonly string[];
  /** The canonical variables the expression actually uses. */
  readonly used: readonly string[];
  /**
   * Evaluates at one point given in variable order. A non-finite result throws an
   * {@link InputError} naming the point.
   */
  evaluate(...args: number[]): number;
}

export interface ParseExpressionOptions {
  /**
   * Canonical variable names in argument order, each with its aliases.
   * Default: `x` (alias `x1`) and `y` (alias `x2`).
   */
  variables?: ReadonlyArray<{ name: string; aliases?: readonly string[] }>;
}

const XY: NonNullable<ParseExpressionOptions['variables']> = [
  { name: 'x', aliases: ['x1'] },
  { name: 'y', aliases: ['x2'] },
];
const XYZ: NonNullable<ParseExpressionOptions['variables']> = [
  { name: 'x', aliases: ['x1'] },
  { name: 'y', aliases: ['x2'] },
  { name: 'z', aliases: ['x3'] },
];

/** Node shapes of mathjs's parse tree that we read (only the fields we need). */
interface MathNode {
  type: string;
  name?: string;
  op?: string;
  fn?: string | MathNode;
  value?: unknown;
  args?: MathNode[];
  content?: MathNode;
  condition?: MathNode;
  trueExpr?: MathNode;
  falseExpr?: MathNode;
  implicit?: boolean;
}

const REFUSED_NODES: Readonly<Record<string, string>> = {
  AssignmentNode: 'assignments are not allowed',
  FunctionAssignmentNode: 'function definitions are not allowed',
  AccessorNode: 'property access and indexing are not allowed',
  IndexNode: 'property access and indexing are not allowed',
  ArrayNode: 'matrices are not allowed',
  ObjectNode: 'objects are not allowed',
  BlockNode: 'several statements are not allowed (one expression only)',
  RangeNode: 'ranges are not allowed',
  RelationalNode: 'chained comparisons are not allowed',
};

/**
 * Parses and checks an expression; see the module comment for what is accepted.
 * Throws {@link InputError} naming the offending token for anything else.
 */
export function parseExpression(source: string, options: ParseExpressionOptions = {}): Expression {
  const { body, canonical, used } = compileChecked(source, options.variables ?? XY);
  const nVars = canonical.length;
  return Object.freeze({
    source,
    variables: Object.freeze(canonical.slice()),
    used: Object.freeze(used),
    evaluate(...args: number[]): number {
      if (args.length !== nVars)
        throw new InputError(`expression ${preview(source, 80)} takes ${nVars} values (${canonical.join(', ')})`);
      const r = body(args);
      if (!Number.isFinite(r)) throw nonFinite(source, canonical, args, r);
      return r;
    },
  });
}

/** Parses, checks against the whitelist and compiles to a closure reading variables by index. */
function compileChecked(
  source: string,
  specs: NonNullable<ParseExpressionOptions['variables']>,
): { body: Compiled; canonical: string[]; used: string[] } {
  if (typeof source !== 'string') throw new InputError(`invalid expression: expected a string, received ${preview(source)}`);
  const where = `invalid expression ${preview(source, 80)}`;
  if (source.length > MAX_EXPRESSION_LENGTH)
    throw new InputError(`${where}: too long (${source.length} characters, at most ${MAX_EXPRESSION_LENGTH})`);
  if (source.trim() === '') throw new InputError(`${where}: empty expression`);
  const index = new Map<string, number>();
  const canonical: string[] = [];
  specs.forEach((spec, i) => {
    canonical.push(spec.name);
    for (const alias of [spec.name, ...(spec.aliases ?? [])]) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw new InputError(`invalid variable name ${preview(alias)}`);
      index.set(alias, i);
    }
  });

  let root: MathNode;
  try {
    root = parse(source) as unknown as MathNode;
  } catch (err) {
    throw new InputError(`${where}: ${(err as Error).message}`, { cause: err });
  }

  const usedIdx = new Set<number>();
  const compile = (node: MathNode): Compiled => {
    switch (node.type) {
      case 'ConstantNode': {
        const v = node.value;
        if (typeof v !== 'number')
          throw new InputError(`${where}: only numbers are allowed as constants, found ${preview(v)}`);
        if (!Number.isFinite(v)) throw new InputError(`${where}: the number is too large (not finite)`);
        return () => v;
      }
      case 'SymbolNode': {
        const name = node.name ?? '';
        const i = lookupVariable(index, name);
        if (i !== undefined) {
          usedIdx.add(i);
          return (vals) => vals[i]!;
        }
        if (Object.hasOwn(EXPRESSION_CONSTANTS, name)) {
          const c = EXPRESSION_CONSTANTS[name]!;
          return () => c;
        }
        if (Object.hasOwn(FUNCTIONS, name))
          throw new InputError(`${where}: "${name}" is a function; call it with arguments, e.g. ${name}(x)`);
        throw new InputError(
          `${where}: unknown identifier "${name}" (variables: ${[...index.keys()].join(', ')}; constants: ${Object.keys(EXPRESSION_CONSTANTS).join(', ')})`,
        );
      }
      case 'ParenthesisNode':
        return compile(node.content!);
      case 'OperatorNode': {
        const fn = String(node.fn);
        const args = node.args ?? [];
        if (args.length === 2 && Object.hasOwn(BINARY, fn)) {
          const f = BINARY[fn]!;
          const a = compile(args[0]!);
          const b = compile(args[1]!);
          switch (fn) {
            case 'add':
              return (v) => a(v) + b(v);
            case 'subtract':
              return (v) => a(v) - b(v);
            case 'multiply':
              return (v) => a(v) * b(v);
            case 'divide':
              return (v) => a(v) / b(v);
            default:
              return (v) => f(a(v), b(v));
          }
        }
        if (args.length === 1 && Object.hasOwn(UNARY, fn)) {
          const f = UNARY[fn]!;
          const a = compile(args[0]!);
          return fn === 'unaryMinus' ? (v) => -a(v) : (v) => f(a(v));
        }
        throw new InputError(`${where}: operator "${node.op}" is not allowed`);
      }
      case 'ConditionalNode': {
        const c = compile(node.condition!);
        const t = compile(node.trueExpr!);
        const f = compile(node.falseExpr!);
        return (v) => (c(v) !== 0 ? t(v) : f(v));
      }
      case 'FunctionNode': {
        const callee = node.fn as MathNode;
        if (callee?.type !== 'SymbolNode')
          throw new InputError(`${where}: only calls of named functions are allowed (e.g. sin(x))`);
        const name = callee.name ?? '';
        if (!Object.hasOwn(FUNCTIONS, name)) {
          const hint = lookupVariable(index, name) !== undefined ? ' (write an explicit "*" to multiply)' : '';
          throw new InputError(
            `${where}: unknown function "${name}"${hint}; allowed functions: ${EXPRESSION_FUNCTIONS.join(', ')}`,
          );
        }
        const [impl, lo, hi] = FUNCTIONS[name]!;
        const args = (node.args ?? []).map(compile);
        if (args.length < lo || args.length > hi)
          throw new InputError(
            `${where}: ${name}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'}, got ${args.length}`,
          );
        if (args.length === 1) {
          const a = args[0]!;
          return (v) => impl(a(v));
        }
        if (args.length === 2) {
          const a = args[0]!;
          const b = args[1]!;
          return (v) => impl(a(v), b(v));
        }
        return (v) => impl(...args.map((a) => a(v)));
      }
      default: {
        const reason = REFUSED_NODES[node.type] ?? `${node.type} is not allowed`;
        throw new InputError(`${where}: ${reason}${describeNode(node)}`);
      }
    }
  };
  const body = compile(root);
  const used = [...usedIdx].sort((a, b) => a - b).map((i) => canonical[i]!);
  return { body, canonical, used };
}

function lookupVariable(index: Map<string, number>, name: string): number | undefined {
  return index.get(name);
}

function describeNode(node: MathNode): string {
  if (node.type === 'AssignmentNode' || node.type === 'FunctionAssignmentNode') {
    const name = node.name ?? (node as { object?: MathNode }).object?.name;
    return name ? ` (near "${name}")` : '';
  }
  if (node.type === 'AccessorNode') {
    const idx = (node as { index?: { dimensions?: MathNode[] } }).index?.dimensions?.[0];
    const prop = idx && typeof idx.value === 'string' ? idx.value : undefined;
    return prop ? ` (near ".${prop}")` : '';
  }
  return '';
}

function nonFinite(source: string, names: readonly string[], args: ArrayLike<number>, r: number): InputError {
  const at = names.map((n, i) => `${n}=${args[i]}`).join(', ');
  return new InputError(`expression ${preview(source, 80)} is not finite at (${at}): got ${r}`);
}

/**
 * Compiles `source` into `(x, y) => number` (variables `x`, `y`, aliases `x1`, `x2`).
 * Refused input throws {@link InputError} at compile time naming the token; a non-finite value at a
 * point throws {@link InputError} naming the point.
 *
 * ```ts
 * const f = compileExpression('x^2 + y^2 + 3');
 * f(1, 2); // 8
 * ```
 */
export function compileExpression(source: string): (x: number, y: number) => number {
  const { body, canonical } = compileChecked(source, XY);
  const scratch = new Float64Array(2);
  return (x: number, y: number): number => {
    scratch[0] = x;
    scratch[1] = y;
    const r = body(scratch);
    if (!Number.isFinite(r)) throw nonFinite(source, canonical, scratch, r);
    return r;
  };
}

/** The 3-variable form: `(x, y, z) => number` (aliases `x1`, `x2`, `x3`). */
export function compileExpression3(source: string): (x: number, y: number, z: number) => number {
  const { body, canonical } = compileChecked(source, XYZ);
  const scratch = new Float64Array(3);
  return (x: number, y: number, z: number): number => {
    scratch[0] = x;
    scratch[1] = y;
    scratch[2] = z;
    const r = body(scratch);
    if (!Number.isFinite(r)) throw nonFinite(source, canonical, scratch, r);
    return r;
  };
}
