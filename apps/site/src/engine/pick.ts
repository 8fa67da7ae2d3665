/**
 * Reads an export by name from a workspace package's namespace. The site composes four packages
 * that grow in parallel; looking exports up by name lets a page show "not available" for a missing
 * piece instead of failing the whole build.
 */
export function pick<T>(mod: object, name: string): T | undefined {
  const v = (mod as Record<string, unknown>)[name];
  return typeof v === 'function' ? (v as T) : undefined;
}

export function need<T>(mod: object, name: string, pkg: string): T {
  const f = pick<T>(mod, name);
  if (!f) throw new Error(`${pkg} does not export ${name} yet`);
  return f;
}
