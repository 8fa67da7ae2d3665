/** The URL hash as the page's state: `#k=v&k2=v2` (URLSearchParams encoding). */

export function readHash(): URLSearchParams {
  return new URLSearchParams(location.hash.replace(/^#/, ''));
}

export function writeHash(params: URLSearchParams): void {
  const next = `#${params.toString()}`;
  if (next !== location.hash) history.replaceState(null, '', next);
}

export function num(p: URLSearchParams, key: string, fallback: number): number {
  const v = p.get(key);
  if (v === null || v.trim() === '') return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

export function str(p: URLSearchParams, key: string, fallback: string): string {
  return p.get(key) ?? fallback;
}

/** base64url of UTF-8 text (weights in the hash). */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): string {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
