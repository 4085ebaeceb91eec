// Ollama's format.HumanNumber, which /api/show and /api/tags use for "parameter_size"
// (e.g. "8B", "7.6B", "134.52M", "260K"). Go's %.Nf rounds the exact binary value of the double
// half-to-even, while JS toFixed rounds exact ties up; the two only differ on exact ties (2.5K,
// 7.25B), which are handled explicitly so the output matches Ollama's byte for byte.

export function formatHumanNumber(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
  if (count >= 1e9) return scaled(count / 1e9, 1, "B");
  if (count >= 1e6) return scaled(count / 1e6, 2, "M");
  if (count >= 1e3) return `${goFixed(count / 1e3, 0)}K`;
  return String(count);
}

function scaled(value: number, decimals: number, suffix: string): string {
  // Whole numbers print without decimals ("8B", "135M").
  return value === Math.floor(value) ? `${goFixed(value, 0)}${suffix}` : `${goFixed(value, decimals)}${suffix}`;
}

/** Formats a non-negative number like Go's fmt "%.<decimals>f". */
export function goFixed(value: number, decimals: number): string {
  if (!isExactTie(value, decimals)) return value.toFixed(decimals);
  const scale = 10 ** decimals;
  // value * scale is exactly k + 0.5 here; round to the even neighbour.
  let units = Math.floor(value * scale);
  if (units % 2 === 1) units += 1;
  const whole = Math.floor(units / scale);
  const fraction = String(units - whole * scale).padStart(decimals, "0");
  return decimals === 0 ? String(whole) : `${whole}.${fraction}`;
}

/** True when the double `value` lies exactly halfway between two multiples of 10^-decimals. */
function isExactTie(value: number, decimals: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent = -1074;
  if (exponentBits !== 0) {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  // value * 2 * 10^decimals must be an odd integer.
  const numerator = mantissa * 2n * 10n ** BigInt(decimals);
  if (exponent >= 0) return false; // then the product is even
  const divisor = 1n << BigInt(-exponent);
  return numerator % divisor === 0n && (numerator / divisor) % 2n === 1n;
}
