import { describe, expect, it } from 'vitest';
import { parseBox, parseNumberList } from './parse.js';

describe('parseBox', () => {
  it('accepts negative numbers', () => {
    expect(parseBox('-1,1,-2,2')).toEqual([-1, 1, -2, 2]);
  });
  it('refuses xmin >= xmax and names the field', () => {
    expect(() => parseBox('1,-1,-1,1')).toThrow(/xmin \(1\) must be less than xmax \(-1\)/);
  });
  it('refuses non-numbers and names the token', () => {
    expect(() => parseBox('a,b,c,d')).toThrow(/"a" is not a finite number/);
  });
  it('refuses the wrong count', () => {
    expect(() => parseNumberList('1,2,3', '--box', 4)).toThrow(/expected 4 numbers, got 3/);
  });
});
