import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

describe('tessera bounds', { timeout: 300_000 }, () => {
  it('--json prints every bound by name with citations (theory.md §11 row 2-8-8-1)', () => {
    const r = tessera(['bounds', '2-8-8-1', '--json']);
    expect(r.status).toBe(0);
    const b = JSON.parse(r.stdout);
    const v = (name: string) => b.bounds[name].value;
    expect([v('zaslavsky'), v('montufar2014Lower'), v('serra2018Lower'), v('serra2018Upper')]).toEqual([null, 592, 925, 1369]);
    expect([v('montufar2017Upper'), v('shallowSameN'), v('twoPowerN')]).toEqual([1369, 137, 65536]);
    expect(b.bounds.serra2018Upper.citation).toMatch(/Serra, Tjandraatmadja, Ramalingam 2018/);
  });

  it('prints decimal strings above 2^53 and maxout bounds with the §7.4 flag', () => {
    const big = JSON.parse(tessera(['bounds', '2-32-32-1', '--json']).stdout);
    expect(big.bounds.twoPowerN.value).toBe('18446744073709551616');
    expect(big.values.twoPowerN).toBe('18446744073709551616');
    expect(big.values.zaslavsky).toBeNull();
    const m = JSON.parse(tessera(['bounds', '1-1-1-1', '--activation', 'maxout', '--rank', '3', '--json']).stdout);
    expect(m.bounds.montufar2014MaxoutLower).toMatchObject({ value: 9, disputed: true });
    expect(m.bounds.maxoutOneInputUpper.value).toBe(7);
    const h = tessera(['bounds', '2-2-2-1', '--activation', 'maxout', '--rank', '3']);
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/Serra et al\. 2018 maxout upper bound \(Thm 8\), rank 3\s+upper\s+484/);
  });

  it('bad input exits 2 with one line', () => {
    const cases: Array<[string[], RegExp]> = [
      [['bounds', '2-x-1'], /invalid architecture "2-x-1": "x" is not a positive integer/],
      [['bounds', '2-8-1', '--activation', 'sigmoid'], /invalid --activation "sigmoid"/],
      [['bounds', '2-8-1', '--activation', 'maxout'], /needs --rank/],
      [['bounds', '2-8-1', '--activation', 'maxout', '--rank', '1'], /invalid --rank "1": expected an integer >= 2/],
      [['bounds', '2-1'], /at least 3 entries/],
    ];
    for (const [args, message] of cases) {
      const r = tessera(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
