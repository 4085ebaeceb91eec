import type { Context } from "hono";
import { z } from "zod";
import { ApiError } from "./api-error.js";

/** JSON bodies above this size are refused; blobs stream separately and have no such limit. */
export const MAX_JSON_BODY_BYTES = 64 * 1024 * 1024;

function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

/** Turns V8's JSON.parse wording into the shape of Go's decoder errors, which clients may show. */
function decoderMessage(error: SyntaxError, text: string): string {
  const message = error.message;
  if (/Unexpected end of JSON input|Unterminated string/.test(message)) return "unexpected EOF";
  const token = /Unexpected token '(.)'/.exec(message) ?? /Unexpected token (.)/.exec(message);
  if (token) return `invalid character '${token[1]}' looking for beginning of value`;
  const position = /position (\d+)/.exec(message);
  if (position) {
    const char = text[Number(position[1])];
    if (char !== undefined) return `invalid character '${char}' looking for beginning of value`;
  }
  return message;
}

/**
 * How deep a request's JSON may nest. Go's decoder stops at 10000 ("exceeded max depth"), but JS recursion
 * (JSON.stringify, the structured clone that carries a format schema to the llama worker) overflows the
 * stack at a few thousand levels, which was a 500; no real client nests anywhere near this deep.
 */
export const MAX_JSON_DEPTH = 1000;

/** The bracket that opens one level more than `limit`, or undefined; brackets inside strings do not count. */
function bracketTooDeep(text: string, limit: number): string | undefined {
  if (text.length <= limit) return undefined;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return text[index];
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return undefined;
}

/**
 * Parses a request body as Ollama does: Content-Type is not checked, an empty body is "missing request body",
 * and only the first JSON value counts (anything after it is ignored).
 */
export function parseJsonText(text: string): unknown {
  if (text.trim() === "") throw new ApiError(400, "missing request body");
  let parsed: { value: unknown; json: string };
  try {
    parsed = { value: JSON.parse(text), json: text };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const trailing = /non-whitespace character after JSON at position (\d+)/.exec(error.message);
    const first = trailing ? text.slice(0, Number(trailing[1])) : undefined;
    let value: unknown;
    try {
      if (first === undefined) throw error;
      value = JSON.parse(first);
    } catch {
      throw new ApiError(400, decoderMessage(error, text));
    }
    parsed = { value, json: first! };
  }
  const bracket = bracketTooDeep(parsed.json, MAX_JSON_DEPTH);
  if (bracket) throw new ApiError(400, `invalid character '${bracket}' exceeded max depth`);
  return parsed.value;
}

/** Reads a body chunk by chunk and stops at the limit: a chunked upload has no Content-Length to refuse up front. */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new ApiError(413, "request body too large");
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks, size);
}

export async function readJson(c: Context): Promise<unknown> {
  const length = c.req.header("content-length");
  const declared = Number(length ?? 0);
  if (declared > MAX_JSON_BODY_BYTES) throw new ApiError(413, "request body too large");
  // With a Content-Length the HTTP parser stops at it, so the body can be taken whole: the server adapter
  // reads it straight from the socket, a millisecond sooner than through a web stream.
  const bytes = length !== undefined ? new Uint8Array(await c.req.arrayBuffer()) : await readLimited(c.req.raw.body, MAX_JSON_BODY_BYTES);
  return parseJsonText(new TextDecoder().decode(bytes));
}

/** A field that may be absent or JSON null (Go leaves the zero value in both cases). */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

function goTypeName(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_type") return "value";
  switch (issue.expected) {
    case "number":
    case "int":
      return "int";
    case "boolean":
      return "bool";
    case "array":
      return "[]interface {}";
    case "object":
    case "record":
      return "map[string]interface {}";
    default:
      return String(issue.expected);
  }
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<PropertyKey, unknown> | undefined)?.[key], value);
}

/** Decodes a parsed body into a request type; wrong types give a 400 worded like Go's json decoder. */
export function decodeRequest<T extends z.ZodType>(schema: T, body: unknown, goStruct: string): z.output<T> {
  if (body === null) body = {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError(400, `json: cannot unmarshal ${jsonTypeName(body)} into Go value of type api.${goStruct}`);
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".");
  if (issue.code === "invalid_type" || issue.code === "invalid_union") {
    const received = jsonTypeName(valueAt(body, issue.path));
    return fail(`json: cannot unmarshal ${received} into Go struct field ${goStruct}.${field} of type ${goTypeName(issue)}`);
  }
  return fail(issue.message);
}

function fail(message: string): never {
  throw new ApiError(400, message);
}
