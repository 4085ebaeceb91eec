// Go's time.Duration.String, which Ollama prints in `--verbose` stats
// ("1.234567891s", "12.5ms", "1m2.5s") and in progress ETAs ("4m32s").

const NS_PER_US = 1_000n;
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

/** `value` as an integer part and a fraction of `digits` digits, trailing zeros (and a bare point) dropped. */
function withFraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(digits, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

export function goDurationString(nanoseconds: bigint | number): string {
  let ns = typeof nanoseconds === "bigint" ? nanoseconds : BigInt(Math.trunc(nanoseconds));
  const sign = ns < 0n ? "-" : "";
  if (ns < 0n) ns = -ns;
  if (ns === 0n) return "0s";
  if (ns < NS_PER_US) return `${sign}${ns}ns`;
  if (ns < NS_PER_MS) return `${sign}${withFraction(ns, 3)}µs`;
  if (ns < NS_PER_S) return `${sign}${withFraction(ns, 6)}ms`;

  const seconds = withFraction(ns % (60n * NS_PER_S), 9);
  const totalMinutes = ns / (60n * NS_PER_S);
  if (totalMinutes === 0n) return `${sign}${seconds}s`;
  const hours = totalMinutes / 60n;
  if (hours === 0n) return `${sign}${totalMinutes}m${seconds}s`;
  return `${sign}${hours}h${totalMinutes % 60n}m${seconds}s`;
}
