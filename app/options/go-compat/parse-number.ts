// Go's strconv parsers as Ollama uses them for env vars and Modelfile
// PARAMETER values. Each returns undefined where Go returns an error.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseBool: only these twelve spellings parse. */
export function goParseBool(s: string): boolean | undefined {
  switch (s) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false;
    default:
      return undefined;
  }
}

/** strconv.ParseInt(s, 10, bits): optional sign, decimal digits only, range-checked. */
export function goParseInt(s: string, bits = 64): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  const limit = 2n ** BigInt(bits - 1);
  if (bits === 64 ? n < INT64_MIN || n > INT64_MAX : n < -limit || n > limit - 1n) return undefined;
  return n;
}

/** strconv.ParseUint(s, 10, 64): no sign at all, decimal digits only. */
export function goParseUint(s: string): bigint | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > UINT64_MAX ? undefined : n;
}

// Go float literal syntax as strconv.ParseFloat accepts it: an underscore may
// only sit between two digits (the 0x prefix counts as a digit).
const DIGITS = '[0-9](?:_?[0-9])*';
const HEX_DIGITS = '[0-9a-fA-F](?:_?[0-9a-fA-F])*';
const DECIMAL_FLOAT = new RegExp(
  `^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`,
);
const HEX_FLOAT = new RegExp(
  `^([+-]?)0[xX]((?:_?${HEX_DIGITS})?)(?:\\.((?:${HEX_DIGITS})?))?[pP]([+-]?${DIGITS})$`,
);
const SPECIAL_FLOAT = /^[+-]?(?:inf|infinity|nan)$/i;

function parseHexFloat(match: RegExpExecArray): number | undefined {
  const [, sign, intPart = '', fracPart = '', exp = '0'] = match;
  const intDigits = intPart.replace(/_/g, '');
  const fracDigits = fracPart.replace(/_/g, '');
  if (intDigits === '' && fracDigits === '') return undefined;
  const mantissa = BigInt(`0x${intDigits + fracDigits || '0'}`);
  const exponent = Number(exp.replace(/_/g, '')) - 4 * fracDigits.length;
  const value = Number(mantissa) * 2 ** exponent;
  return sign === '-' ? -value : value;
}

/**
 * strconv.ParseFloat(s, 64). Go also accepts inf/infinity/nan; they are
 * returned as such and the caller decides whether it can use them.
 */
export function goParseFloat(s: string): number | undefined {
  if (SPECIAL_FLOAT.test(s)) {
    if (/nan/i.test(s)) return Number.NaN;
    return s.startsWith('-') ? -Infinity : Infinity;
  }
  if (DECIMAL_FLOAT.test(s)) return Number(s.replace(/_/g, ''));
  const hex = HEX_FLOAT.exec(s);
  if (hex) return parseHexFloat(hex);
  return undefined;
}
