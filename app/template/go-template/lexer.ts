// Tokenizer for Go's text/template syntax with the default "{{" "}}" delimiters.
// Trim markers are applied here, as in Go, so the parser never sees them.

import { formatRuneU, goQuote } from "./go-strings.js";

export type TokenType =
  | "error" | "bool" | "char" | "charConstant" | "complex" | "assign" | "declare" | "eof"
  | "field" | "identifier" | "leftDelim" | "leftParen" | "number" | "pipe" | "rawString"
  | "rightDelim" | "rightParen" | "space" | "string" | "text" | "variable"
  // keywords
  | "block" | "break" | "continue" | "dot" | "define" | "else" | "end" | "if" | "nil"
  | "range" | "template" | "with";

const KEYWORDS = new Set<TokenType>([
  "block", "break", "continue", "dot", "define", "else", "end", "if", "nil", "range", "template", "with",
]);

export interface Token {
  type: TokenType;
  /** Offset in the source string (UTF-16 units). */
  pos: number;
  val: string;
}

const LEFT = "{{";
const RIGHT = "}}";
const SPACE_CHARS = " \t\r\n";

const isSpace = (ch: string | undefined) => ch !== undefined && SPACE_CHARS.includes(ch);
const isAlphaNumeric = (ch: string | undefined) => ch !== undefined && /^[\p{L}\p{Nd}_]$/u.test(ch);
const hasLeftTrimMarker = (s: string, at: number) => s[at] === "-" && isSpace(s[at + 1]);
const hasRightTrimMarker = (s: string, at: number) => isSpace(s[at]) && s[at + 1] === "-";

/** How Go prints a token inside "unexpected X in Y" messages. */
export function tokenString(token: Token): string {
  if (token.type === "eof") return "EOF";
  if (token.type === "error") return token.val;
  if (KEYWORDS.has(token.type)) return `<${token.val}>`;
  const runes = [...token.val];
  return runes.length > 10 ? goQuote(runes.slice(0, 10).join("")) + "..." : goQuote(token.val);
}

/** Scans the whole input; the last token is "eof" or "error". */
export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;

  const codePointAt = (at: number) => {
    const cp = input.codePointAt(at);
    return cp === undefined ? undefined : String.fromCodePoint(cp);
  };
  const atRightDelim = (at: number): { delim: boolean; trim: boolean } => {
    if (hasRightTrimMarker(input, at) && input.startsWith(RIGHT, at + 2)) return { delim: true, trim: true };
    return { delim: input.startsWith(RIGHT, at), trim: false };
  };
  const atTerminator = (at: number) => {
    const ch = input[at];
    return ch === undefined || isSpace(ch) || ".,|:)(".includes(ch) || ch === RIGHT[0];
  };
  const skipSpaces = (at: number) => {
    while (isSpace(input[at])) at++;
    return at;
  };

  /** Scans one action starting just after its left delimiter; returns the position after it, or -1 on error. */
  const lexAction = (start: number): number => {
    let p = start;
    let parenDepth = 0;
    const emit = (type: TokenType, from: number, to: number) => tokens.push({ type, pos: from, val: input.slice(from, to) });
    const fail = (at: number, message: string) => {
      tokens.push({ type: "error", pos: at, val: message });
      return -1;
    };
    const scanAlnum = (at: number) => {
      for (let ch = codePointAt(at); isAlphaNumeric(ch); ch = codePointAt(at)) at += ch!.length;
      return at;
    };
    const badCharacter = (at: number, from: number) => fail(from, `bad character ${formatRuneU(codePointAt(at) ?? "")}`);

    for (;;) {
      const right = atRightDelim(p);
      if (right.delim) {
        if (parenDepth !== 0) return fail(p, "unclosed left paren");
        if (right.trim) p += 2;
        emit("rightDelim", p, p + RIGHT.length);
        p += RIGHT.length;
        return right.trim ? skipSpaces(p) : p;
      }
      const ch = input[p];
      const from = p;
      if (ch === undefined) return fail(p, "unclosed action");
      if (isSpace(ch)) {
        let end = skipSpaces(p);
        // A space followed by "-}}" belongs to the trim marker, not to the run of spaces.
        if (hasRightTrimMarker(input, end - 1) && input.startsWith(RIGHT, end + 1)) {
          end--;
          if (end === p) continue;
        }
        emit("space", p, end);
        p = end;
        continue;
      }
      if (ch === "=") {
        emit("assign", p, ++p);
      } else if (ch === ":") {
        if (input[p + 1] !== "=") return fail(p, "expected :=");
        emit("declare", p, (p += 2));
      } else if (ch === "|") {
        emit("pipe", p, ++p);
      } else if (ch === '"' || ch === "'") {
        const kind = ch === '"' ? "quoted string" : "character constant";
        for (p++; ; p++) {
          const c = input[p];
          if (c === "\\") {
            p++;
            if (input[p] === undefined || input[p] === "\n") return fail(from, `unterminated ${kind}`);
          } else if (c === undefined || c === "\n") {
            return fail(from, `unterminated ${kind}`);
          } else if (c === ch) {
            break;
          }
        }
        emit(ch === '"' ? "string" : "charConstant", from, ++p);
      } else if (ch === "`") {
        const end = input.indexOf("`", p + 1);
        if (end < 0) return fail(from, "unterminated raw quoted string");
        emit("rawString", from, (p = end + 1));
      } else if (ch === "$") {
        p = atTerminator(p + 1) ? p + 1 : scanAlnum(p + 1);
        if (!atTerminator(p)) return badCharacter(p, from);
        emit("variable", from, p);
      } else if (ch === "." && !(input[p + 1] >= "0" && input[p + 1] <= "9")) {
        if (atTerminator(p + 1)) {
          emit("dot", from, ++p);
        } else {
          p = scanAlnum(p + 1);
          if (!atTerminator(p)) return badCharacter(p, from);
          emit("field", from, p);
        }
      } else if (ch === "." || ch === "+" || ch === "-" || (ch >= "0" && ch <= "9")) {
        let end = scanNumber(input, p);
        if (end < 0) return fail(from, `bad number syntax: ${goQuote(input.slice(from, -end))}`);
        if (input[end] === "+" || input[end] === "-") {
          // Complex constant such as 1+2i: no spaces, must end in 'i'.
          const imaginary = scanNumber(input, end);
          if (imaginary < 0 || input[imaginary - 1] !== "i") {
            return fail(from, `bad number syntax: ${goQuote(input.slice(from, Math.abs(imaginary)))}`);
          }
          emit("complex", from, (p = imaginary));
        } else {
          emit("number", from, (p = end));
        }
      } else if (isAlphaNumeric(codePointAt(p))) {
        p = scanAlnum(p);
        if (!atTerminator(p)) return badCharacter(p, from);
        const word = input.slice(from, p);
        const type: TokenType = KEYWORDS.has(word as TokenType) && word !== "dot" ? (word as TokenType)
          : word === "true" || word === "false" ? "bool"
          : "identifier";
        emit(type, from, p);
      } else if (ch === "(") {
        emit("leftParen", p, ++p);
        parenDepth++;
      } else if (ch === ")") {
        emit("rightParen", p, ++p);
        if (--parenDepth < 0) return fail(from, `unexpected right paren ${formatRuneU(")")}`);
      } else if (ch.charCodeAt(0) < 0x7f && ch.charCodeAt(0) >= 0x20) {
        emit("char", p, ++p);
      } else {
        return fail(from, `unrecognized character in action: ${formatRuneU(codePointAt(p)!)}`);
      }
    }
  };

  for (;;) {
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      if (pos < input.length) tokens.push({ type: "text", pos, val: input.slice(pos) });
      tokens.push({ type: "eof", pos: input.length, val: "" });
      return tokens;
    }
    const afterLeft = x + LEFT.length;
    const trimLeft = hasLeftTrimMarker(input, afterLeft);
    let textEnd = x;
    if (trimLeft) while (textEnd > pos && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > pos) tokens.push({ type: "text", pos, val: input.slice(pos, textEnd) });
    const bodyStart = trimLeft ? afterLeft + 2 : afterLeft;

    if (input.startsWith("/*", bodyStart)) {
      const close = input.indexOf("*/", bodyStart + 2);
      if (close < 0) {
        tokens.push({ type: "error", pos: x, val: "unclosed comment" });
        return tokens;
      }
      const right = atRightDelim(close + 2);
      if (!right.delim) {
        tokens.push({ type: "error", pos: x, val: "comment ends before closing delimiter" });
        return tokens;
      }
      pos = close + 2 + (right.trim ? 2 : 0) + RIGHT.length;
      if (right.trim) pos = skipSpaces(pos);
      continue;
    }

    tokens.push({ type: "leftDelim", pos: x, val: LEFT });
    const next = lexAction(bodyStart);
    if (next < 0) return tokens;
    pos = next;
  }
}

/**
 * Mirrors Go's permissive number scanner (strconv validates later). Returns the end
 * offset, or minus the offset just past the offending character on a syntax error.
 */
function scanNumber(input: string, start: number): number {
  let p = start;
  const accept = (valid: string) => {
    if (input[p] !== undefined && valid.includes(input[p])) {
      p++;
      return true;
    }
    return false;
  };
  const acceptRun = (valid: string) => {
    while (accept(valid));
  };
  accept("+-");
  let digits = "0123456789_";
  if (accept("0")) {
    if (accept("xX")) digits = "0123456789abcdefABCDEF_";
    else if (accept("oO")) digits = "01234567_";
    else if (accept("bB")) digits = "01_";
  }
  acceptRun(digits);
  if (accept(".")) acceptRun(digits);
  if (digits.length === 11 && accept("eE")) {
    accept("+-");
    acceptRun("0123456789_");
  }
  if (digits.length === 23 && accept("pP")) {
    accept("+-");
    acceptRun("0123456789_");
  }
  accept("i");
  if (isAlphaNumeric(input[p])) return -(p + 1);
  return p;
}
