// How Go prints float values: `%v`/`%#v` of a float64 (strconv 'g' with the
// shortest precision), and the shortest decimal of a float32, which is what
// Go's JSON encoder writes for a float32 option such as temperature 0.7.

/** `fmt.Sprintf("%v", f)` for a float64: exponent form below 1e-4 and from 1e6 up (`1e+06`). */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';

  // toExponential() with no argument yields the shortest round-trip digits,
  // the same digits Go's shortest formatting picks.
  const [mantissa = '', expText = '0'] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // In this range JS prints plain decimal notation with the same shortest digits.
  return String(f);
}

/**
 * Rounds to float32 and returns the double whose shortest decimal equals the
 * float32's shortest decimal (0.7 stays 0.7, not 0.699999988079071).
 */
export function float32Shortest(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f) || f === 0) return f;
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}
