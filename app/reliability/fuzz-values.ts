import type { Random } from "./hard-env.js";

// Pools of hostile values. Every entry is something a client has sent or could send by accident or on
// purpose; generators pick from them with a seeded Random so a run can be replayed.

/** Strings that break naive code: lone surrogates, NUL, direction overrides, combining marks, huge code points. */
export const ODD_UNICODE = [
  "\ud800",
  "\udfff\ud800",
  "a\u0000b",
  "\u0000",
  "\u202e\u202dreversed",
  "\u200b\u200c\u200d\ufeff",
  "e\u0301\u0301\u0301\u0301\u0301\u0301",
  "𝕳𝖊𝖑𝖑𝖔 🦙🦙🦙",
  "\uffff\ufffe",
  "\u2028\u2029",
  "%00%2e%2e%2f",
  "\r\n\r\nHTTP/1.1 200 OK\r\n",
  "${jndi:ldap://127.0.0.1/x}",
  "{{ .Secret }}{{ template \"x\" }}",
  "'; DROP TABLE conversations; --",
  "<script>alert(1)</script>",
  "Z̷̢̛̩̪͎̓a̶̧̠͌l̸̨̛g̴̱̈o̷͖̊",
];

/** Model names that must never parse: traversal, absolute paths, separators, bad characters, bad lengths. */
export const INVALID_NAMES = [
  "../../etc/passwd",
  "../x",
  "..",
  ".",
  "/etc/passwd",
  "/abs/ns/model",
  "C:\\Windows\\system32",
  "..\\..\\x",
  "a/../../b",
  "ns/../model",
  "host/ns/../m",
  "%2e%2e%2f%2e%2e%2fetc",
  "a/b/c/d",
  "a:b:c",
  "m:",
  ":tag",
  "/m",
  "ns//m",
  "//",
  "-leading",
  "m:-tag",
  "my model",
  "m@sha256:abc",
  "tab\there",
  "new\nline",
  "nul\u0000byte",
  "模型",
  "modèle",
  "🦙",
  "a".repeat(81),
  `${"h".repeat(351)}/ns/m`,
  "x".repeat(5000),
  "host/name:space/model:tag",
  "m:local:cloud",
  "\ud800",
  "\u202e",
];

/** Path parameters for /api/blobs/:digest that are not a digest, some of them trying to climb out of blobs/. */
export const INVALID_DIGESTS = [
  "sha256:",
  "sha256:abc",
  `sha256:${"0".repeat(63)}`,
  `sha256:${"0".repeat(65)}`,
  `sha256:${"g".repeat(64)}`,
  `sha512:${"0".repeat(64)}`,
  `sha256_${"0".repeat(64)}`,
  `${"0".repeat(64)}`,
  `sha256:${"0".repeat(62)}..`,
  "sha256:..%2F..%2F..%2Fetc%2Fpasswd",
  "..%2F..%2Fmanifests%2Fx",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%2Fetc%2Fpasswd",
  "sha256%3A..%2F..",
  `sha256:${"0".repeat(64)}%00`,
  `sha256:${"0".repeat(64)}%2F..`,
  `sha256:${"0".repeat(63)}%C3%A9`,
  "%ff%fe",
  "%",
  "%E0%A4%A",
];

/** JSON texts that are not valid JSON at all. */
export const BROKEN_JSON = [
  "{",
  "}",
  '{"model":',
  '{"model":"x"',
  '{"model":"x",}',
  "{'model':'x'}",
  '{"model":NaN}',
  '{"model":Infinity}',
  '{"model":undefined}',
  '{model:"x"}',
  '{"model":"x"/*c*/}',
  '{"a":1 "b":2}',
  "[1,2",
  '"unterminated',
  "nul",
  "tru",
  "0x10",
  "\u0000",
  // One BOM is dropped by the decoder (as browsers do); a second one is not JSON.
  "\ufeff\ufeff{}",
  '{"\\u12"}',
  '{"a":"\\x41"}',
  "<xml/>",
  "model=x&prompt=y",
];

/** Bytes that are not UTF-8 (the decoder turns them into U+FFFD). */
export const NOT_UTF8 = [Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf])];

/** A JSON text nested `depth` levels deep around a core value: arrays, objects or both. */
export function deeplyNested(depth: number, kind: "array" | "object" | "mixed", core = "1"): string {
  let open = "";
  let close = "";
  for (let level = 0; level < depth; level++) {
    const array = kind === "array" || (kind === "mixed" && level % 2 === 0);
    open += array ? "[" : '{"a":';
    close = (array ? "]" : "}") + close;
  }
  return open + core + close;
}

export type JsonType = "string" | "number" | "int" | "bool" | "array" | "object" | "null";

/** A value of a JSON type, picked to be awkward: huge, negative, fractional, empty, odd unicode. */
export function valueOfType(random: Random, type: JsonType): unknown {
  switch (type) {
    case "string":
      return random.pick(["", " ", random.pick(ODD_UNICODE), "x".repeat(random.pick([1, 100, 10_000])), "1", "true", "null"]);
    case "number":
      return random.pick([0.5, -1.5, 1e308, -1e308, 5e-324, 3.14159]);
    case "int":
      return random.pick([0, -1, 1, 2 ** 53, -(2 ** 53), 2 ** 31, -(2 ** 31) - 1]);
    case "bool":
      return random.pick([true, false]);
    case "array":
      return random.pick([[], [1], ["a", 1, null], [[[]]], [{}]]);
    case "object":
      return random.pick<object>([{}, { a: 1 }, { "": "" }, { __proto__x: 1, constructor: "x" }]);
    case "null":
      return null;
  }
}

/** A value of some JSON type other than the ones the field accepts (null is left out: it means "absent"). */
export function wrongTypeValue(random: Random, accepted: readonly JsonType[]): unknown {
  const widened = new Set<JsonType>(accepted);
  if (widened.has("number")) widened.add("int");
  if (widened.has("int")) widened.add("number");
  const candidates = (["string", "number", "bool", "array", "object"] as const).filter((type) => !widened.has(type));
  return valueOfType(random, random.pick(candidates));
}
