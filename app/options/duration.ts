// Durations as Ollama reads them: Go's time.ParseDuration for strings, and
// api.Duration.UnmarshalJSON for the `keep_alive` request field (§4.1).

import { goTimeQuote } from './go-compat/quote.js';
import { OptionError } from './option-error.js';

const NS_PER_MS = 1_000_000;
const MAX_U63 = 1n << 63n;

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function invalid(orig: string): OptionError {
  return new OptionError(`time: invalid duration ${goTimeQuote(orig)}`, 400);
}

/**
 * Go's time.ParseDuration, returning nanoseconds. Throws an OptionError
 * (status 400) carrying Go's exact message. Overflow rules follow Go: the
 * magnitude must fit an int64 (the negative side may reach -2^63).
 */
export function parseGoDuration(orig: string): bigint {
  let s = orig;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid(orig);

  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid(orig);

    let i = 0;
    let whole = 0n;
    while (isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > MAX_U63) throw invalid(orig);
      i++;
    }
    const sawWhole = i > 0;
    s = s.slice(i);

    let fraction = 0n;
    let scale = 1;
    let sawFraction = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        // Go stops accumulating (but keeps consuming) once the fraction would overflow.
        if (!overflow) {
          const next = fraction * 10n + BigInt(s.charCodeAt(j) - 48);
          if (fraction > (MAX_U63 - 1n) / 10n || next > MAX_U63) overflow = true;
          else {
            fraction = next;
            scale *= 10;
          }
        }
        j++;
      }
      sawFraction = j > 0;
      s = s.slice(j);
    }
    if (!sawWhole && !sawFraction) throw invalid(orig);

    let u = 0;
    while (u < s.length && !(s[u] === '.' || isDigit(s[u]))) u++;
    if (u === 0) throw new OptionError(`time: missing unit in duration ${goTimeQuote(orig)}`, 400);
    const unitText = s.slice(0, u);
    s = s.slice(u);
    const unit = UNIT_NS[unitText];
    if (unit === undefined) {
      throw new OptionError(
        `time: unknown unit ${goTimeQuote(unitText)} in duration ${goTimeQuote(orig)}`,
        400,
      );
    }

    if (whole > MAX_U63 / unit) throw invalid(orig);
    let value = whole * unit;
    if (fraction > 0n) {
      // Go computes the fractional part in float64, then truncates.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > MAX_U63) throw invalid(orig);
    }
    total += value;
    if (total > MAX_U63) throw invalid(orig);
  }

  if (negative) return -total;
  if (total > MAX_U63 - 1n) throw invalid(orig);
  return total;
}

/** Milliseconds for a duration in nanoseconds; fractions are kept (300ns = 0.0003ms). */
export function nanosToMs(ns: bigint): number {
  const whole = ns / BigInt(NS_PER_MS);
  const rest = ns % BigInt(NS_PER_MS);
  return Number(whole) + Number(rest) / NS_PER_MS;
}

/** Go's reflect type names for what encoding/json decodes into `any`. */
function goJsonTypeName(value: unknown): string {
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'string') return 'string';
  return typeof value;
}

/** The keep-alive value meaning "never unload". */
export const FOREVER = Infinity;

/**
 * Decodes the `keep_alive` request field. undefined/null → unset (undefined).
 * A number is seconds (fractional allowed); a string is a Go duration; either
 * negative means forever (Infinity). Throws OptionError (400) with Ollama's text.
 */
export function parseKeepAlive(value: unknown): { ms: number } | undefined {
  if (value === undefined || value === null) return undefined;

  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new OptionError(`Unsupported type: '${goJsonTypeName(value)}'`, 400);
    if (value < 0) return { ms: FOREVER };
    // Go truncates seconds × 1e9 to whole nanoseconds.
    const ns = Math.trunc(value * 1e9);
    if (ns >= Number(MAX_U63)) return { ms: FOREVER };
    return { ms: ns / NS_PER_MS };
  }

  if (typeof value === 'string') {
    const ns = parseGoDuration(value);
    return { ms: ns < 0n ? FOREVER : nanosToMs(ns) };
  }

  throw new OptionError(`Unsupported type: '${goJsonTypeName(value)}'`, 400);
}
