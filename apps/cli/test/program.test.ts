import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

describe('tessera (the binary)', () => {
  it('prints its version and exits 0', () => {
    const r = tessera(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints help with the global options', () => {
    const r = tessera(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--json');
    expect(r.stdout).toContain('--seed');
  });

  it('exits 2 on an unknown command, with a one-line message and no stack trace', () => {
    const r = tessera(['no-such-command']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(r.stdout).toBe('');
  });
});
