// Go's string literal rules (strconv.Quote / Unquote, unicode.IsPrint), shared by
// the lexer's error messages, the parser's literals and fmt's %q verb.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrintableRune(ch: string): boolean {
  return PRINTABLE.test(ch);
}

const SHORT_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** strconv.Quote (or QuoteRune-style with quote "'"); non-printable runes become escapes. */
export function goQuote(s: string, quote = '"'): string {
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd"; // lone surrogate: Go would see invalid UTF-8
    else if (isPrintableRune(ch)) out += ch;
    else if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x10000) out += "\\u" + hex(cp, 4);
    else out += "\\U" + hex(cp, 8);
  }
  return out + quote;
}

/** fmt's %#U: `U+0023 '#'`. */
export function formatRuneU(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const code = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
  return isPrintableRune(ch) ? `${code} '${ch}'` : code;
}

/** Number of UTF-8 bytes, which is what Go's len and string offsets count. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

const SIMPLE_UNESCAPES: Record<string, number> = {
  a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, "'": 39, '"': 34,
};

/**
 * strconv.Unquote for "…", `…` and '…' literals. Returns null on invalid syntax.
 * \x and octal escapes are raw bytes in Go, so the result is assembled as UTF-8.
 */
export function goUnquote(literal: string): string | null {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) return null;
  const body = literal.slice(1, -1);
  if (quote === "`") return body.includes("`") ? null : body.replace(/\r/g, "");
  if (quote !== '"' && quote !== "'") return null;
  const bytes: number[] = [];
  const pushText = (text: string) => bytes.push(...Buffer.from(text, "utf8"));
  for (let i = 0; i < body.length; ) {
    const ch = body[i];
    if (ch === quote || ch === "\n") return null;
    if (ch !== "\\") {
      const cp = body.codePointAt(i)!;
      const text = String.fromCodePoint(cp);
      pushText(text);
      i += text.length;
      continue;
    }
    const esc = body[i + 1];
    if (esc === undefined) return null;
    if (esc in SIMPLE_UNESCAPES) {
      if ((esc === "'" && quote === '"') || (esc === '"' && quote === "'")) return null;
      bytes.push(SIMPLE_UNESCAPES[esc]);
      i += 2;
    } else if (esc === "x" || esc === "u" || esc === "U") {
      const width = esc === "x" ? 2 : esc === "u" ? 4 : 8;
      const digits = body.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) return null;
      const value = parseInt(digits, 16);
      if (esc === "x") bytes.push(value);
      else if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return null;
      else pushText(String.fromCodePoint(value));
      i += 2 + width;
    } else if (esc >= "0" && esc <= "7") {
      const digits = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) return null;
      bytes.push(parseInt(digits, 8));
      i += 4;
    } else {
      return null;
    }
  }
  const text = Buffer.from(bytes).toString("utf8");
  if (quote === "'" && [...text].length !== 1) return null;
  return text;
}
