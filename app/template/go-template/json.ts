// encoding/json's Marshal for template values: sorted map keys, struct fields in
// declaration order under their json tags, HTML-safe escaping of <, > and &.

import { GoNamed, GoStruct, kindOf, mapRecord, sliceItems, sortedKeys, typeName } from "./values.js";

export class JsonMarshalError extends Error {}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A JSON string literal as Go writes it (json.Marshal escapes HTML characters too). */
export function jsonQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (cp < 0x20 || ch === "<" || ch === ">" || ch === "&" || cp === 0x2028 || cp === 0x2029) {
      out += "\\u" + cp.toString(16).padStart(4, "0");
    } else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd"; // lone surrogate: invalid UTF-8 in Go
    else out += ch;
  }
  return out + '"';
}

function jsonNumber(x: number): string {
  if (!Number.isFinite(x)) throw new JsonMarshalError(`json: unsupported value: ${x > 0 ? "+Inf" : x < 0 ? "-Inf" : "NaN"}`);
  // JavaScript switches to exponent form at the same thresholds (1e-6, 1e21) and
  // spells exponents the way Go cleans them up (1e-7, 1e+21).
  return Object.is(x, -0) ? "-0" : String(x);
}

function isEmptyValue(v: unknown): boolean {
  switch (kindOf(v)) {
    case "invalid":
    case "nil": return true;
    case "bool": return v === false;
    case "int": return v === 0n;
    case "float": return v === 0;
    case "string": return v === "";
    case "slice": return sliceItems(v as unknown[] | GoNamed).length === 0;
    case "map": return Object.keys(mapRecord(v)).length === 0;
    default: return false;
  }
}

function marshalStruct(struct: GoStruct): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(struct.fields)) {
    const [tagName, ...options] = (struct.type.jsonTags?.[field] ?? "").split(",");
    if (tagName === "-" && options.length === 0) continue;
    if (options.includes("omitempty") && isEmptyValue(value)) continue;
    parts.push(`${jsonQuote(tagName || field)}:${marshalJson(value)}`);
  }
  return `{${parts.join(",")}}`;
}

/** json.Marshal; throws JsonMarshalError for values Go cannot encode (NaN, functions). */
export function marshalJson(v: unknown): string {
  if ((v instanceof GoStruct || v instanceof GoNamed) && v.type.marshalJSON) return v.type.marshalJSON(v);
  switch (kindOf(v)) {
    case "invalid":
    case "nil": return "null";
    case "bool": return String(v);
    case "int": return (v as bigint).toString();
    case "float": return jsonNumber(v as number);
    case "string": return jsonQuote(v as string);
    case "slice":
      if (v instanceof GoNamed && v.value === null) return "null";
      return `[${sliceItems(v as unknown[] | GoNamed).map(marshalJson).join(",")}]`;
    case "map": {
      if (v instanceof GoNamed && v.value === null) return "null";
      const record = mapRecord(v);
      return `{${sortedKeys(record).map((k) => `${jsonQuote(k)}:${marshalJson(record[k])}`).join(",")}}`;
    }
    case "struct": return marshalStruct(v as GoStruct);
    default: throw new JsonMarshalError(`json: unsupported type: ${typeName(v)}`);
  }
}
