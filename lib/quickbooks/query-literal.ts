/**
 * A string literal for QuickBooks' query language: the one escaper every query uses. A backslash
 * escapes the next character there, so backslashes are doubled before apostrophes are escaped
 * (otherwise a name ending in "\" would swallow the closing quote).
 */
export function queryLiteral(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
