// Go's builtin template functions (text/template/funcs.go behaviour). `and`, `or`
// and `call` need the unevaluated arguments, so the executor implements them.

import { printValue, sprint, sprintf, sprintln } from "./format.js";
import { byteLength } from "./go-strings.js";
import { GoNamed, isTrue, kindOf, mapRecord, nilIfUndefined, sliceItems, typeName, type Kind } from "./values.js";

/** What a parameter accepts: anything, or only a Go string. */
export type ParamKind = "any" | "string";

export interface TemplateFunction {
  params: readonly ParamKind[];
  /** Set when the function takes any number of further arguments of this kind. */
  variadic?: ParamKind;
  call(args: unknown[]): unknown;
}

/** Thrown by a function body; execution reports it as `error calling NAME: message`. */
export class FunctionError extends Error {}

const fail = (message: string): never => {
  throw new FunctionError(message);
};

function length(item: unknown): bigint {
  switch (kindOf(item)) {
    case "invalid":
    case "nil": return fail("len of nil pointer");
    case "string": return BigInt(byteLength(item as string));
    case "slice": return BigInt(sliceItems(item as unknown[] | GoNamed).length);
    case "map": return BigInt(Object.keys(mapRecord(item)).length);
    default: return fail(`len of type ${typeName(item)}`);
  }
}

/** Validates an index argument against a length/capacity, like Go's indexArg. */
function indexArg(index: unknown, cap: number): number {
  const kind = kindOf(index);
  if (kind === "invalid" || kind === "nil") fail("cannot index slice/array with nil");
  if (kind !== "int") fail(`cannot index slice/array with type ${typeName(index)}`);
  const x = index as bigint;
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) fail("index of untyped nil");
  for (const idx of indexes) {
    if (item === undefined || item === null) fail("index of nil pointer");
    switch (kindOf(item)) {
      case "string": {
        const bytes = Buffer.from(item as string, "utf8");
        const x = indexArg(idx, bytes.length);
        if (x === bytes.length) fail("reflect: string index out of range");
        item = BigInt(bytes[x]);
        break;
      }
      case "slice": {
        const items = sliceItems(item as unknown[] | GoNamed);
        const x = indexArg(idx, items.length);
        if (x === items.length) fail("reflect: slice index out of range");
        item = nilIfUndefined(items[x]);
        break;
      }
      case "map": {
        if (idx === undefined || idx === null) fail("value is nil; should be of type string");
        if (typeof idx !== "string") fail(`value has type ${typeName(idx)}; should be string`);
        const record = mapRecord(item);
        item = Object.hasOwn(record, idx as string) ? nilIfUndefined(record[idx as string]) : null;
        break;
      }
      default:
        fail(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) fail("slice of untyped nil");
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  const kind = kindOf(item);
  if (kind === "string" && indexes.length === 3) fail("cannot 3-index slice a string");
  if (kind !== "string" && kind !== "slice") fail(`can't slice item of type ${typeName(item)}`);
  const bytes = kind === "string" ? Buffer.from(item as string, "utf8") : null;
  const items = kind === "slice" ? sliceItems(item as unknown[] | GoNamed) : [];
  const cap = bytes ? bytes.length : items.length;
  const idx = [0, cap, cap];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, cap)));
  if (idx[0] > idx[1]) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return bytes.subarray(idx[0], idx[1]).toString("utf8");
  if (item instanceof GoNamed) return item.value === null ? item : new GoNamed(item.type, "slice", items.slice(idx[0], idx[1]));
  return items.slice(idx[0], idx[1]);
}

// ---- comparison ----

type BasicKind = "invalid" | "bool" | "int" | "float" | "string";

function basicKind(kind: Kind): BasicKind {
  return kind === "bool" || kind === "int" || kind === "float" || kind === "string" ? kind : "invalid";
}

const isNilValue = (v: unknown) => v === undefined || v === null || (v instanceof GoNamed && v.value === null);

function equal(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  const ba = basicKind(ka);
  const bb = basicKind(kb);
  const valid = (k: Kind) => k !== "invalid" && k !== "nil";
  if (ba !== bb) {
    if (valid(ka) && valid(kb)) fail(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
    return false;
  }
  if (ba !== "invalid") return a === b;
  if (valid(ka) && valid(kb) && ka !== kb) {
    fail(`non-comparable types ${sprintf("%s", [a])}: ${typeName(a)}, ${typeName(b)}: ${printValue(b)}`);
  }
  if (isNilValue(a) || isNilValue(b)) return isNilValue(a) === isNilValue(b);
  if (ka === "struct") return a === b;
  return fail(`non-comparable type ${sprintf("%s", [b])}: ${typeName(b)}`);
}

function eq(a: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) fail("missing argument for comparison");
  return others.some((b) => equal(a, b));
}

function less(a: unknown, b: unknown): boolean {
  const ba = basicKind(kindOf(a));
  const bb = basicKind(kindOf(b));
  if (ba === "invalid" || bb === "invalid") fail("invalid type for comparison");
  if (ba !== bb) fail(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  if (ba === "bool") fail("invalid type for comparison");
  return (a as string | number | bigint) < (b as string | number | bigint);
}

// ---- escaping ----

/** text/template's evalArgs: the Sprint of the arguments, with nil shown as "<no value>". */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? "<no value>" : a)));
}

const HTML_ESCAPES: Record<string, string> = { "\0": "\uFFFD", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;" };

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => HTML_ESCAPES[c]);
}

const JS_ESCAPES: Record<string, string> = {
  "\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "=": "\\u003D",
};

function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (JS_ESCAPES[ch]) out += JS_ESCAPES[ch];
    else if (cp < 0x20) out += "\\u00" + cp.toString(16).toUpperCase().padStart(2, "0");
    else if (cp < 0x80 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += ch;
    else out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
  }
  return out;
}

/** url.QueryEscape. */
function queryEscape(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

const any1 = ["any"] as const;
const anyVariadic = { params: [] as ParamKind[], variadic: "any" as const };

export const BUILTIN_FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map<string, TemplateFunction>([
  // and, or and call are evaluated by the executor; these entries only declare their arity.
  ["and", { params: any1, variadic: "any", call: () => fail("unreachable") }],
  ["or", { params: any1, variadic: "any", call: () => fail("unreachable") }],
  ["call", { params: any1, variadic: "any", call: () => fail("unreachable") }],
  ["not", { params: any1, call: ([x]) => !isTrue(x) }],
  ["len", { params: any1, call: ([x]) => length(x) }],
  ["index", { params: any1, variadic: "any", call: ([item, ...rest]) => index(item, ...rest) }],
  ["slice", { params: any1, variadic: "any", call: ([item, ...rest]) => slice(item, ...rest) }],
  ["eq", { params: any1, variadic: "any", call: ([a, ...rest]) => eq(a, ...rest) }],
  ["ne", { params: ["any", "any"], call: ([a, b]) => !eq(a, b) }],
  ["lt", { params: ["any", "any"], call: ([a, b]) => less(a, b) }],
  ["le", { params: ["any", "any"], call: ([a, b]) => less(a, b) || eq(a, b) }],
  ["gt", { params: ["any", "any"], call: ([a, b]) => !(less(a, b) || eq(a, b)) }],
  ["ge", { params: ["any", "any"], call: ([a, b]) => !less(a, b) }],
  ["html", { ...anyVariadic, call: (args) => htmlEscape(evalArgs(args)) }],
  ["js", { ...anyVariadic, call: (args) => jsEscape(evalArgs(args)) }],
  ["urlquery", { ...anyVariadic, call: (args) => queryEscape(evalArgs(args)) }],
  ["print", { ...anyVariadic, call: (args) => sprint(args) }],
  ["println", { ...anyVariadic, call: (args) => sprintln(args) }],
  ["printf", { params: ["string"], variadic: "any", call: ([format, ...rest]) => sprintf(format as string, rest) }],
]);
