/**
 * The canonical disaggregation key: the entries of `dims` sorted by key, `k=v` joined by ';'
 * ('' for the total). Every writer and reader of `indicator_observations.dims_key` uses this,
 * so one combination of dimension values is one row whatever order the caller listed them in.
 */
export function dimsKey(dims: Record<string, string> | null | undefined): string {
  if (!dims) return '';
  return Object.keys(dims)
    .filter((k) => dims[k] !== undefined && dims[k] !== null && dims[k] !== '')
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join(';');
}

/** The inverse of `dimsKey` (for CSV/API rows that carry only the key). */
export function parseDimsKey(key: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!key) return out;
  for (const part of key.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}
