// The part of Go's fmt package that templates reach: %v printing of any value
// (as {{ . }} does), fmt.Sprint/Sprintln, and fmt.Sprintf with the common verbs,
// flags, widths and precisions, including Go's %!verb(type=value) error forms.

import { goQuote } from "./go-strings.js";
import { GoNamed, GoStruct, kindOf, mapRecord, sliceItems, sortedKeys, typeName } from "./values.js";

interface Spec {
  minus: boolean;
  plus: boolean;
  /** %+v: print struct field names (the plus flag is then not applied to numbers). */
  plusV: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  precision: number | null;
}

const PLAIN: Spec = { minus: false, plus: false, plusV: false, sharp: false, space: false, zero: false, width: null, precision: null };

/** fmt.Sprint of one value: the %v form. */
export function printValue(v: unknown): string {
  return formatArg(v, "v", PLAIN, 0);
}

/** How an action such as {{ .X }} prints its value: nil shows as "<no value>" and pointers are followed. */
export function printActionValue(v: unknown): string {
  if (v === undefined || v === null) return "<no value>";
  if (v instanceof GoStruct && v.type.pointer) {
    return formatArg(new GoStruct({ ...v.type, pointer: false }, v.fields), "v", PLAIN, 0);
  }
  return printValue(v);
}

/** fmt.Sprint: spaces go between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = "";
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === "string";
    if (i > 0 && !isString && !prevString) out += " ";
    out += printValue(arg);
    prevString = isString;
  });
  return out;
}

/** fmt.Sprintln: always spaces between operands, newline at the end. */
export function sprintln(args: readonly unknown[]): string {
  return args.map(printValue).join(" ") + "\n";
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = "";
  let argIndex = 0;
  let i = 0;
  while (i < format.length) {
    const percent = format.indexOf("%", i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    i = percent + 1;
    const spec: Spec = { ...PLAIN };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === "-") spec.minus = true;
      else if (c === "+") spec.plus = true;
      else if (c === "#") spec.sharp = true;
      else if (c === " ") spec.space = true;
      else if (c === "0") spec.zero = true;
      else break;
    }
    const readNumber = (): number | null | "bad" => {
      if (format[i] === "*") {
        i++;
        const arg = args[argIndex++];
        return typeof arg === "bigint" ? Number(arg) : "bad";
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return null;
      i += m[0].length;
      return Number(m[0]);
    };
    const width = readNumber();
    if (width === "bad") out += "%!(BADWIDTH)";
    else if (width !== null && width < 0) {
      spec.minus = true;
      spec.width = -width;
    } else spec.width = width;
    if (format[i] === ".") {
      i++;
      const precision = readNumber();
      if (precision === "bad") out += "%!(BADPREC)";
      else spec.precision = precision ?? 0;
    }
    if (i >= format.length) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (verb === "v" && spec.plus) {
      spec.plus = false;
      spec.plusV = true;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argIndex++], verb, spec, 0);
  }
  if (argIndex < args.length) {
    const extra = args.slice(argIndex).map((a) => (a == null ? "<nil>" : `${typeName(a)}=${printValue(a)}`));
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}

function pad(s: string, spec: Spec, zeroAllowed = true): string {
  const length = [...s].length;
  if (spec.width === null || length >= spec.width) return s;
  const fill = spec.width - length;
  if (spec.minus) return s + " ".repeat(fill);
  if (spec.zero && zeroAllowed) {
    const sign = /^[+\- ]/.test(s) ? s[0] : "";
    return sign + "0".repeat(fill) + s.slice(sign.length);
  }
  return " ".repeat(fill) + s;
}

function badVerb(v: unknown, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatArg(v, "v", PLAIN, 1, true)})`;
}

function formatArg(v: unknown, verb: string, spec: Spec, depth: number, noMethods = false): string {
  if (verb === "T") return pad(typeName(v), spec);
  const kind = kindOf(v);
  if (kind === "invalid" || kind === "nil") {
    return verb === "v" || depth > 0 ? pad("<nil>", spec, false) : badVerb(v, verb);
  }
  if ((v instanceof GoStruct || v instanceof GoNamed) && v.type.string && !noMethods && "vsxXq".includes(verb)) {
    return formatString(v.type.string(v), verb, spec);
  }
  switch (kind) {
    case "bool":
      return verb === "v" || verb === "t" ? pad(String(v), spec, false) : badVerb(v, verb);
    case "int":
      return formatInteger(v as bigint, verb, spec) ?? badVerb(v, verb);
    case "float":
      return formatFloat(v as number, verb, spec) ?? badVerb(v, verb);
    case "string":
      return "vsqxX".includes(verb) ? formatString(v as string, verb, spec) : badVerb(v, verb);
    case "slice": {
      const items = sliceItems(v as unknown[] | GoNamed).map((item) => formatArg(item, verb, spec, depth + 1));
      return `[${items.join(" ")}]`;
    }
    case "map": {
      const record = mapRecord(v);
      const entries = sortedKeys(record).map(
        (key) => `${formatArg(key, verb, spec, depth + 1)}:${formatArg(record[key] ?? null, verb, spec, depth + 1)}`,
      );
      return `map[${entries.join(" ")}]`;
    }
    case "struct": {
      const struct = v as GoStruct;
      const fields = Object.entries(struct.fields).map(([name, value]) => {
        const text = formatArg(value ?? null, verb, spec, depth + 1);
        return spec.plusV ? `${name}:${text}` : text;
      });
      return `${struct.type.pointer ? "&" : ""}{${fields.join(" ")}}`;
    }
    default:
      return verb === "v" || verb === "p" ? pad("0x0", spec) : badVerb(v, verb);
  }
}

function formatString(s: string, verb: string, spec: Spec): string {
  if (spec.precision !== null) s = [...s].slice(0, spec.precision).join("");
  switch (verb) {
    case "q":
      return pad(spec.sharp && !s.includes("`") && !/[\x00-\x08\x0a-\x1f\x7f]/.test(s) ? "`" + s + "`" : goQuote(s), spec);
    case "x":
    case "X": {
      let hex = Buffer.from(s, "utf8").toString("hex");
      if (verb === "X") hex = hex.toUpperCase();
      return pad(hex, spec);
    }
    default:
      return pad(s, spec);
  }
}

/** The character for a rune value; invalid code points become U+FFFD as in Go. */
function runeText(n: bigint): string {
  const valid = n >= 0n && n <= 0x10ffffn && !(n >= 0xd800n && n <= 0xdfffn);
  return valid ? String.fromCodePoint(Number(n)) : "\uFFFD";
}

function formatInteger(n: bigint, verb: string, spec: Spec): string | null {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let digits: string;
  let prefix = "";
  switch (verb) {
    case "v":
    case "d": digits = abs.toString(10); break;
    case "b": digits = abs.toString(2); if (spec.sharp) prefix = "0b"; break;
    case "o": digits = abs.toString(8); if (spec.sharp) prefix = "0"; break;
    case "O": digits = abs.toString(8); prefix = "0o"; break;
    case "x": digits = abs.toString(16); if (spec.sharp) prefix = "0x"; break;
    case "X": digits = abs.toString(16).toUpperCase(); if (spec.sharp) prefix = "0X"; break;
    case "c": return pad(runeText(n), spec);
    case "q": return pad(goQuote(runeText(n), "'"), spec);
    case "U": return pad("U+" + abs.toString(16).toUpperCase().padStart(4, "0"), spec);
    default: return null;
  }
  if (spec.precision !== null) {
    digits = spec.precision === 0 && n === 0n ? "" : digits.padStart(spec.precision, "0");
  } else if (spec.zero && !spec.minus && spec.width !== null) {
    const signWidth = negative || spec.plus || spec.space ? 1 : 0;
    digits = digits.padStart(spec.width - signWidth - prefix.length, "0");
  }
  const sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return pad(sign + prefix + digits, spec, false);
}

interface Decimal {
  /** Significant digits without trailing zeros; "" for zero. */
  digits: string;
  /** Position of the decimal point relative to the first digit. */
  dp: number;
}

/** The exact decimal expansion of a finite |x|, from its IEEE-754 bits. */
function exactDecimal(x: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  if (mantissa === 0n) return { digits: "", dp: 0 };
  const scaled = exponent >= 0 ? mantissa << BigInt(exponent) : mantissa * 5n ** BigInt(-exponent);
  const text = scaled.toString();
  const dp = exponent >= 0 ? text.length : text.length + exponent;
  return { digits: text.replace(/0+$/, ""), dp };
}

/** Rounds to n significant digits, ties to even, as strconv does. */
function roundDecimal(d: Decimal, n: number): Decimal {
  if (n < 0) return { digits: "", dp: 0 };
  if (d.digits.length <= n) return d;
  const kept = d.digits.slice(0, n);
  const rest = d.digits.slice(n);
  const tie = rest === "5";
  const up = rest[0] > "5" || (rest[0] === "5" && (!tie || (kept !== "" && Number(kept[kept.length - 1]) % 2 === 1)));
  if (!up) return { digits: kept.replace(/0+$/, ""), dp: kept === "" ? 0 : d.dp };
  const bumped = (BigInt(kept || "0") + 1n).toString();
  const carried = bumped.length > kept.length;
  return { digits: bumped.replace(/0+$/, ""), dp: d.dp + (carried ? 1 : 0) };
}

/** Shortest round-tripping digits (JavaScript and Go agree on these). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: "", dp: 0 };
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
  return { digits: mantissa.replace(".", "").replace(/0+$/, ""), dp: Number(exponent) + 1 };
}

function exponentForm({ digits, dp }: Decimal, precision: number, e: string): string {
  const all = (digits || "0").padEnd(precision + 1, "0");
  const mantissa = precision > 0 ? `${all[0]}.${all.slice(1, precision + 1)}` : all[0];
  const exp = digits === "" ? 0 : dp - 1;
  return `${mantissa}${e}${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function fixedForm({ digits, dp }: Decimal, precision: number): string {
  const whole = dp > 0 ? digits.slice(0, dp).padEnd(dp, "0") : "0";
  let fraction = "";
  for (let i = dp; i < dp + precision; i++) fraction += i >= 0 && i < digits.length ? digits[i] : "0";
  return precision > 0 ? `${whole}.${fraction}` : whole;
}

/** strconv's %e/%f/%g of a float64; %v is %g with the shortest digits. */
function formatFloat(x: number, verb: string, spec: Spec): string | null {
  if (!"veEfFgG".includes(verb)) return null;
  const negative = x < 0 || Object.is(x, -0);
  const sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  if (Number.isNaN(x)) return pad(spec.plus ? "+NaN" : spec.space ? " NaN" : "NaN", spec, false);
  if (!Number.isFinite(x)) return pad((negative ? "-" : "+") + "Inf", spec, false);
  const e = verb === "E" || verb === "G" ? "E" : "e";
  let body: string;
  if (verb === "f" || verb === "F") {
    const precision = spec.precision ?? 6;
    const exact = exactDecimal(x);
    body = fixedForm(roundDecimal(exact, exact.dp + precision), precision);
  } else if (verb === "e" || verb === "E") {
    const precision = spec.precision ?? 6;
    body = exponentForm(roundDecimal(exactDecimal(x), precision + 1), precision, e);
  } else {
    const shortest = spec.precision === null;
    const precision = shortest ? 0 : Math.max(spec.precision!, 1);
    const d = shortest ? shortestDecimal(x) : roundDecimal(exactDecimal(x), precision);
    const nd = d.digits.length;
    let eprec = shortest ? nd : precision;
    if (eprec > nd && nd >= d.dp) eprec = nd;
    if (shortest) eprec = 6;
    const exp = d.dp - 1;
    if (exp < -4 || exp >= eprec) {
      body = exponentForm(d, (shortest ? nd : Math.min(precision, nd)) - 1, e);
    } else {
      const p = shortest || precision > d.dp ? nd : precision;
      body = fixedForm(d, Math.max(p - d.dp, 0));
    }
  }
  if (spec.zero && !spec.minus && spec.width !== null) {
    return sign + body.padStart(spec.width - sign.length, "0");
  }
  return pad(sign + body, spec, false);
}
