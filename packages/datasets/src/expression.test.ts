import { InputError } from '@tessera/nn-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, compileExpression3, MAX_EXPRESSION_LENGTH, parseExpression } from './expression.js';

const FC = { seed: 42, numRuns: 200 };
const coord = fc.double({ min: -10, max: 10, noNaN: true });

describe('compileExpression evaluates like the closed form', () => {
  it('x^2 + y^2 + 3 and its x1/x2 spelling', () => {
    const f = compileExpression('x^2 + y^2 + 3');
    const g = compileExpression('x1^2 + x2^2 + 3');
    fc.assert(
      fc.property(coord, coord, (a, b) => {
        const want = a ** 2 + b ** 2 + 3;
        expect(f(a, b)).toBe(want);
        expect(g(a, b)).toBe(want);
      }),
      FC,
    );
  });

  it('sin(3*x) * y + 2', () => {
    const f = compileExpression('sin(3*x) * y + 2');
    fc.assert(
      fc.property(coord, coord, (a, b) => {
        expect(f(a, b)).toBe(Math.sin(3 * a) * b + 2);
      }),
      FC,
    );
  });

  it('follows the usual precedence and the documented operators', () => {
    const v = (s: string, x = 0, y = 0) => compileExpression(s)(x, y);
    expect(v('2^3^2')).toBe(512);
    expect(v('-2^2')).toBe(-4);
    expect(v('1 + 2 * 3 - 4 / 2')).toBe(5);
    expect(v('2x + 3y', 1.5, 2)).toBe(9);
    expect(v('7 % 3')).toBe(1);
    expect(v('mod(-1, 3)')).toBe(2);
    expect(v('x > 0 ? x : 0', -3)).toBe(0);
    expect(v('x > 0 ? x : 0', 3)).toBe(3);
    expect(v('(x >= 1 and y < 1) or not (x == y)', 1, 1)).toBe(0);
    expect(v('min(x, y, 1)', 4, -2)).toBe(-2);
    expect(v('max(x, y)', 4, -2)).toBe(4);
    expect(v('atan2(y, x)', -1, 0)).toBe(Math.PI);
    expect(v('log(8, 2)')).toBeCloseTo(3, 15);
    expect(v('pi + e + tau')).toBe(Math.PI + Math.E + 2 * Math.PI);
    expect(v('abs(x) + sign(y) + floor(2.7) + ceil(2.1) + sqrt(16) + exp(0) + tanh(0) + pow(2, 10)', -3, -5)).toBe(
      3 - 1 + 2 + 3 + 4 + 1 + 0 + 1024,
    );
    expect(v('hypot(3, 4) + cbrt(27) + log10(1000) + log2(8)')).toBe(5 + 3 + 3 + 3);
    expect(v('50%')).toBe(0.5);
  });

  it('the 3-variable form reads x, y, z (and x1, x2, x3)', () => {
    const f = compileExpression3('x*y - z + x3');
    expect(f(2, 3, 4)).toBe(6);
  });

  it('parseExpression reports the variables used', () => {
    const e = parseExpression('sin(x2) + 2');
    expect(e.variables).toEqual(['x', 'y']);
    expect(e.used).toEqual(['y']);
    expect(e.evaluate(0, Math.PI / 2)).toBe(3);
  });
});

describe('compileExpression refuses hostile input at compile time, naming the token', () => {
  const cases: Array<[string, RegExp]> = [
    ['import("fs")', /unknown function "import"/],
    ['import', /unknown identifier "import"/],
    ['evaluate("1+1")', /unknown function "evaluate"/],
    ['parse("x")', /unknown function "parse"/],
    ['x = 1', /assignments are not allowed \(near "x"\)/],
    ['f(x) = x', /function definitions are not allowed \(near "f"\)/],
    ['constructor', /unknown identifier "constructor"/],
    ['x.constructor', /property access.*"\.constructor"/],
    ['x["constructor"]', /property access and indexing are not allowed/],
    ['__proto__', /unknown identifier "__proto__"/],
    ['toString', /unknown identifier "toString"/],
    ['hasOwnProperty(x)', /unknown function "hasOwnProperty"/],
    ['cos.constructor("return process")', /only calls of named functions are allowed/],
    ['cos.constructor("return process")()', /invalid expression .*Value expected/],
    ['"a"', /only numbers are allowed as constants, found "a"/],
    ['[1, 2]', /matrices are not allowed/],
    ['{a: 1}', /objects are not allowed/],
    ['x; y', /several statements/],
    ['1:3', /ranges are not allowed/],
    ['x < y < 1', /chained comparisons/],
    ['x!', /operator "!" is not allowed/],
    ['2 cm', /unknown identifier "cm"/],
    ['q + 1', /unknown identifier "q"/],
    ['sin', /"sin" is a function/],
    ['sin(x, y)', /sin\(\) takes 1 argument, got 2/],
    ['x(2)', /unknown function "x" \(write an explicit "\*" to multiply\)/],
    ['1e400', /too large/],
    ['', /empty expression/],
    ['sin(x', /invalid expression/],
    ['x'.repeat(MAX_EXPRESSION_LENGTH + 1), /too long \(1001 characters, at most 1000\)/],
  ];
  for (const [src, message] of cases) {
    it(`refuses ${JSON.stringify(src.length > 40 ? `${src.slice(0, 40)}…` : src)}`, () => {
      let caught: unknown;
      try {
        compileExpression(src);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InputError);
      expect((caught as Error).message).toMatch(message);
    });
  }

  it('accepts exactly the maximum length', () => {
    const src = ` x${'+0'.repeat((MAX_EXPRESSION_LENGTH - 2) / 2)}`;
    expect(src.length).toBe(MAX_EXPRESSION_LENGTH);
    expect(compileExpression(src)(5, 0)).toBe(5);
  });

  it('arbitrary text either compiles or throws InputError, never anything else', () => {
    const token = fc.constantFrom('x', 'y', '1', '2.5', '+', '-', '*', '/', '^', '(', ')', ',', 'sin', 'log', '=', '.', '"', '[', ']', '{', '}', ';', '?', ':', 'constructor', 'e', 'pi', ' ', '!', '<', '%', 'f', 'import');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), fc.string({ maxLength: 8 }), (parts, junk) => {
        for (const src of [parts.join(''), junk]) {
          try {
            const f = compileExpression(src);
            const v = f(0.5, -1.25);
            expect(Number.isFinite(v)).toBe(true);
          } catch (err) {
            expect(err).toBeInstanceOf(InputError);
          }
        }
      }),
      { seed: 7, numRuns: 400 },
    );
  });
});

describe('a non-finite value names the point', () => {
  it('log(x) at x = 0', () => {
    const f = compileExpression('log(x)');
    expect(() => f(0, 1)).toThrow(InputError);
    expect(() => f(0, 1)).toThrow(/"log\(x\)" is not finite at \(x=0, y=1\): got -Infinity/);
  });
  it('sqrt(x) below 0 and 1/x at 0', () => {
    expect(() => compileExpression('sqrt(x)')(-1, 2)).toThrow(/not finite at \(x=-1, y=2\): got NaN/);
    expect(() => compileExpression('1/(x-y)')(3, 3)).toThrow(/not finite at \(x=3, y=3\): got Infinity/);
  });
});
