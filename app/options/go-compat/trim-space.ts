// Go's strings.TrimSpace trims Unicode White_Space, which is not the same set
// as String.prototype.trim (JS also trims U+FEFF; Go also trims U+0085).
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING = new RegExp(`^[${GO_SPACE}]+`, 'u');
const TRAILING = new RegExp(`[${GO_SPACE}]+$`, 'u');

export function goTrimSpace(s: string): string {
  return s.replace(LEADING, '').replace(TRAILING, '');
}
