// Go's strconv.Quote (what `%q` and `%#v` print for a string). Error messages
// such as `use either :local or :cloud, not both: "m:local:cloud"` and the
// /api/show `parameters` text depend on the exact escaping.

const SIMPLE_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

// strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const escape = SIMPLE_ESCAPES[ch];
    if (escape !== undefined) {
      out += escape;
      continue;
    }
    let cp = ch.codePointAt(0) ?? 0;
    // A lone surrogate cannot reach Go as such: its JSON decoder turns it into U+FFFD.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp === 0xfffd || PRINTABLE.test(String.fromCodePoint(cp))) {
      out += String.fromCodePoint(cp);
    } else if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${hex(cp, 2)}`;
    } else if (cp < 0x10000) {
      out += `\\u${hex(cp, 4)}`;
    } else {
      out += `\\U${hex(cp, 8)}`;
    }
  }
  return out + '"';
}

/**
 * The `time` package's private quote(): it escapes every byte of a non-ASCII or
 * control character as \xHH, unlike strconv.Quote. Used by duration errors
 * (`time: invalid duration "..."`).
 */
export function goTimeQuote(s: string): string {
  let out = '"';
  const encoder = new TextEncoder();
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 || cp < 0x20) {
      for (const byte of encoder.encode(ch)) out += `\\x${hex(byte, 2)}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}
