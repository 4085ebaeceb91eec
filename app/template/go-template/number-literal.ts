// Go number literals in templates (parse.NumberNode): decimal, 0x/0o/0b, legacy
// octal, underscores, floats, hex floats and 'x' character constants.

import type { NumberNode } from "./ast.js";
import { goUnquote } from "./go-strings.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(text, 0, 64) without the range check; null when not an integer literal. */
function parseIntLiteral(text: string): bigint | null {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!match) return null;
  const [, sign, body] = match;
  if (body.includes("__") || body.endsWith("_")) return null;
  let digits = body.replace(/_/g, "");
  let radix = "";
  if (/^0[xXoObB]/.test(digits)) {
    radix = digits.slice(0, 2).toLowerCase();
    digits = digits.slice(2);
  } else if (digits.length > 1 && digits[0] === "0") {
    radix = "0o"; // legacy octal such as 017
    digits = digits.slice(1);
  }
  if (digits === "") return null;
  const value = BigInt(radix + digits);
  return sign === "-" ? -value : value;
}

function parseFloatLiteral(text: string): number | null {
  const clean = text.replace(/_/g, "");
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(clean);
  if (hex) {
    const [, sign, whole, frac = "", exp] = hex;
    if (whole + frac === "") return null;
    const mantissa = parseInt(whole + frac || "0", 16) / 16 ** frac.length;
    const value = mantissa * 2 ** Number(exp);
    return sign === "-" ? -value : value;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/** Builds a NumberNode, or returns the Go error text for an invalid literal. */
export function parseNumberLiteral(pos: number, text: string, isChar: boolean): NumberNode | string {
  if (isChar) {
    const rune = goUnquote(text);
    if (rune === null) return `malformed character constant: ${text}`;
    const code = rune.codePointAt(0)!;
    return { kind: "number", pos, text, int: BigInt(code), float: code, isFloatSyntax: false };
  }
  if (text.endsWith("i")) return `complex constants are not supported: ${text}`;
  const isHexInt = /^[+-]?0[xX]/.test(text) && !/[pP]/.test(text);
  const isFloatSyntax = !isHexInt && /[.eEpP]/.test(text);
  let int = parseIntLiteral(text);
  if (int !== null && (int < INT64_MIN || int > INT64_MAX)) {
    // Go keeps huge values as uint64 when they fit; either way they overflow int.
    if (int > 2n ** 64n - 1n || int < INT64_MIN) return `integer overflow: "${text}"`;
    return { kind: "number", pos, text, int: null, float: Number(int), isFloatSyntax: false };
  }
  if (int !== null) return { kind: "number", pos, text, int, float: Number(int), isFloatSyntax };
  const float = parseFloatLiteral(text);
  if (float === null) return `illegal number syntax: "${text}"`;
  if (!/[.eEpP]/.test(text)) return `integer overflow: "${text}"`;
  int = Number.isInteger(float) && Math.abs(float) < 2 ** 63 ? BigInt(float) : null;
  return { kind: "number", pos, text, int, float, isFloatSyntax };
}
