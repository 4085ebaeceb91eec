import { parseModelName, parseModelReference } from "../names/model-name.js";
import type { RawRequest } from "./raw-http.js";
import type { Random } from "./hard-env.js";
import { ENDPOINTS, type ContractOutcome, type EndpointSpec, type Envelope, type FuzzContext } from "./fuzz-endpoints.js";
import { BROKEN_JSON, deeplyNested, INVALID_DIGESTS, INVALID_NAMES, NOT_UTF8, ODD_UNICODE, wrongTypeValue, type JsonType } from "./fuzz-values.js";

/**
 * reject: malformed, so a 4xx with an error envelope (or an outcome the contract prescribes);
 * any: hostile but well-formed, so anything except a 5xx the contract does not prescribe;
 * routing: a wrong method or path, answered by the router's plain-text 404/405 or a redirect.
 */
export type Expectation = "reject" | "any" | "routing";

export interface FuzzCase {
  /** "POST /api/generate" */
  endpoint: string;
  mutation: string;
  request: RawRequest;
  expect: Expectation;
  envelope: Envelope;
  contract: readonly ContractOutcome[];
}

type Body = Record<string, unknown>;
interface Mutation {
  name: string;
  expect: Expectation;
  /** The request body (or raw text) this mutation sends; undefined when it does not apply to the endpoint. */
  apply(random: Random, spec: EndpointSpec, ctx: FuzzContext): { body: string | Buffer; declaredLength?: number; chunked?: boolean } | undefined;
}

const json = (value: unknown) => ({ body: JSON.stringify(value) });

/** The body with one name field set and the others gone, so `model || name` cannot fall back to a good one. */
function withName(spec: EndpointSpec, ctx: FuzzContext, field: string, value: unknown): Body {
  const body = spec.base!(ctx);
  for (const other of spec.names ?? []) delete body[other];
  return { ...body, [field]: value };
}
const isInference = (spec: EndpointSpec) => spec.contract?.includes("option-type") ?? false;
const fieldsOf = (spec: EndpointSpec, wanted?: (types: readonly JsonType[]) => boolean) =>
  Object.entries(spec.typed ?? {})
    .filter(([, types]) => !wanted || wanted(types))
    .map(([field]) => field);
const scalarFields = (spec: EndpointSpec) => fieldsOf(spec, (types) => types.every((type) => type !== "array" && type !== "object"));

/** Mutations of a JSON body; each one makes the request malformed unless it says `any`. */
const BODY_MUTATIONS: Mutation[] = [
  {
    name: "empty body",
    expect: "reject",
    // POST /api/paddock/conversations with no body creates an empty conversation, by design.
    apply: (random, spec) => (spec.route === "/api/paddock/conversations" ? undefined : { body: random.pick(["", " ", "\n\t \r\n"]) }),
  },
  { name: "broken JSON", expect: "reject", apply: (random) => ({ body: random.pick(BROKEN_JSON) }) },
  { name: "not UTF-8", expect: "reject", apply: (random) => ({ body: random.pick(NOT_UTF8) }) },
  { name: "top-level array/number/string/bool", expect: "reject", apply: (random) => ({ body: random.pick(["[]", "[{}]", "1", "-0", '"model"', "true", "false"]) }) },
  { name: "JSON null body", expect: "reject", apply: () => ({ body: "null" }) },
  {
    name: "truncated valid body",
    expect: "reject",
    apply: (random, spec, ctx) => {
      const text = JSON.stringify(spec.base!(ctx));
      return { body: text.slice(0, 1 + random.int(text.length - 1)) };
    },
  },
  {
    name: "wrong field type",
    expect: "reject",
    apply: (random, spec, ctx) => {
      const fields = fieldsOf(spec);
      if (fields.length === 0) return undefined;
      const field = random.pick(fields);
      return json({ ...spec.base!(ctx), [field]: wrongTypeValue(random, spec.typed![field]) });
    },
  },
  {
    name: "fraction in an integer field",
    expect: "reject",
    apply: (random, spec, ctx) => {
      const fields = fieldsOf(spec, (types) => types.length === 1 && types[0] === "int");
      if (fields.length === 0) return undefined;
      return json({ ...spec.base!(ctx), [random.pick(fields)]: random.pick([1.5, -0.25, 1e-9]) });
    },
  },
  {
    name: "invalid model name",
    expect: "reject",
    apply: (random, spec, ctx) => {
      if (!spec.names) return undefined;
      return json(withName(spec, ctx, random.pick(spec.names), random.pick(INVALID_NAMES)));
    },
  },
  {
    name: "huge name",
    expect: "reject",
    apply: (random, spec, ctx) => {
      if (!spec.names) return undefined;
      return json(withName(spec, ctx, random.pick(spec.names), random.pick(["a", "../", "\u202e"]).repeat(81 + random.int(1_000_000))));
    },
  },
  {
    name: "deeply nested body",
    expect: "reject",
    apply: (random) => ({ body: deeplyNested(random.pick([2_000, 20_000, 200_000]), random.pick(["array", "object", "mixed"] as const)) }),
  },
  {
    name: "deep nesting in a scalar field",
    expect: "reject",
    apply: (random, spec, ctx) => {
      const fields = scalarFields(spec);
      if (fields.length === 0) return undefined;
      const text = JSON.stringify({ ...spec.base!(ctx), [random.pick(fields)]: "@@" });
      return { body: text.replace('"@@"', deeplyNested(random.pick([50, 5_000, 100_000]), random.pick(["array", "object"] as const))) };
    },
  },
  {
    name: "deep nesting in an ignored field",
    expect: "any",
    apply: (random, spec, ctx) => {
      const text = JSON.stringify({ ...spec.base!(ctx), zz_ignored: "@@" });
      return { body: text.replace('"@@"', deeplyNested(random.pick([100, 5_000, 100_000]), random.pick(["array", "object", "mixed"] as const))) };
    },
  },
  {
    name: "declared 100 MiB body",
    expect: "reject",
    apply: (_random, spec, ctx) => ({ body: JSON.stringify(spec.base!(ctx)).slice(0, 10), declaredLength: 100 * 1024 * 1024 }),
  },
  {
    name: "prototype keys",
    expect: "any",
    apply: (random, spec, ctx) => {
      const text = JSON.stringify(spec.base!(ctx));
      const extra = random.pick(['"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}', '"__proto__":null']);
      return { body: `{${extra},${text.slice(1)}` };
    },
  },
  {
    name: "duplicate keys, the last one hostile",
    expect: "reject",
    apply: (random, spec, ctx) => {
      const fields = fieldsOf(spec);
      if (fields.length === 0) return undefined;
      const field = random.pick(fields);
      const text = JSON.stringify(spec.base!(ctx));
      return { body: `${text.slice(0, -1)},${JSON.stringify(field)}:${JSON.stringify(wrongTypeValue(random, spec.typed![field]))}}` };
    },
  },
];

/** Inference endpoints: option types, think, keep_alive, format and the other checked values. */
const INFERENCE_MUTATIONS: Mutation[] = [
  {
    name: "option of the wrong type",
    expect: "reject",
    apply: (random, spec, ctx) => {
      // The /v1 routes have no options object; their typed fields are covered by "wrong field type".
      if (spec.envelope !== "native") return undefined;
      const [option, wrong] = random.pick<[string, unknown[]]>([
        ["num_predict", ["1", true, [], {}]],
        ["num_ctx", ["2048", false, [1]]],
        ["temperature", ["0.5", true, {}]],
        ["top_k", ["NaN", [], true]],
        ["seed", ["42", {}]],
        ["use_mmap", [1, "true", []]],
        ["stop", ["x", [1], [null], { a: 1 }]],
        ["num_thread", ["4", true]],
      ]);
      const base = spec.base!(ctx);
      // Keep the base's num_predict: a request that dropped it would generate without end, which is a client's right.
      return json({ ...base, options: { ...(base.options as Body | undefined), [option]: random.pick(wrong) } });
    },
  },
  {
    name: "invalid think / keep_alive / top_logprobs",
    expect: "reject",
    apply: (random, spec, ctx) => {
      if (spec.envelope !== "native") return undefined;
      const base = spec.base!(ctx);
      const keepAlive = { ...base, keep_alive: random.pick(["abc", "3600", "5 minutes", true, [], {}, "-", "1e400h", "99999999999999999999h"]) };
      // think and top_logprobs belong to generate and chat; the embedding routes ignore them.
      if (spec.route !== "/api/generate" && spec.route !== "/api/chat") return json(keepAlive);
      return json(
        random.pick([
          { ...base, think: random.pick(["ultra", "", 5, [], {}]) },
          keepAlive,
          { ...base, top_logprobs: random.pick([21, -1, 1e9]), logprobs: true },
        ]),
      );
    },
  },
  {
    name: "format that is not json or a schema",
    expect: "reject",
    apply: (random, spec, ctx) => {
      if (!spec.contract?.includes("invalid-format")) return undefined;
      const format = random.pick(["xml", "JSON", 5, true, [1, 2], ["json"]]);
      if (spec.envelope === "openai") return json({ ...spec.base!(ctx), response_format: { type: "json_schema", json_schema: { schema: format } } });
      return json({ ...spec.base!(ctx), format });
    },
  },
  {
    name: "extreme option values",
    expect: "any",
    apply: (random, spec, ctx) => {
      if (spec.envelope !== "native") return undefined;
      const [option, values] = random.pick<[string, unknown[]]>([
        ["num_ctx", [1, 4, 7, 2_147_483_647, -1]],
        ["num_batch", [1, 3, 2_147_483_647, -5]],
        ["num_thread", [1, 64, -3]],
        ["num_keep", [-1e9, 1e9]],
        ["top_k", [-1e9, 0, 1e9]],
        ["top_p", [-1, 2, 1e308]],
        ["min_p", [-1, 2]],
        ["repeat_last_n", [-1e9, 1e9, -1]],
        ["seed", [-1e18, 1e18]],
        ["temperature", [-1, 1e308, 0]],
        ["repeat_penalty", [0, -1, 1e308]],
        ["presence_penalty", [1e308, -1e308]],
        ["stop", [[""], ["\u0000"], Array(1000).fill("a")]],
        ["num_gpu", [-1, 999]],
      ]);
      const base = spec.base!(ctx);
      return json({ ...base, options: { ...(base.options as Body | undefined), [option]: random.pick(values) } });
    },
  },
  {
    name: "hostile prompt text",
    expect: "any",
    apply: (random, spec, ctx) => {
      const text = Array.from({ length: 1 + random.int(6) }, () => random.pick(ODD_UNICODE)).join("");
      const base = spec.base!(ctx);
      if ("prompt" in base) return json({ ...base, prompt: text });
      if ("input" in base) return json({ ...base, input: random.chance(0.5) ? text : [text, text] });
      return json({ ...base, messages: [{ role: "user", content: text }] });
    },
  },
  {
    name: "hostile schema in format",
    expect: "any",
    apply: (random, spec, ctx) => {
      if (!spec.contract?.includes("invalid-format")) return undefined;
      const schema = random.pick<unknown>([
        { type: "nonsense" },
        { $ref: "#" },
        { $ref: "#/$defs/missing" },
        { type: "object", properties: { a: { $ref: "#" } } },
        { type: "string", pattern: "((((" },
        { type: "string", minLength: 100_000_000 },
        { type: "array", minItems: 50_000, items: { type: "string" } },
        { enum: [] },
        { anyOf: [] },
        { type: ["string", "null", 5] },
        JSON.parse(deeplyNested(40, "object", '{"type":"string"}')),
      ]);
      if (random.chance(0.3)) {
        // Deep schemas go in as text: the fuzz's own JSON.stringify would overflow on them.
        const deep = deeplyNested(random.pick([400, 2_000, 6_000]), random.pick(["object", "mixed"] as const), '{"type":"string"}');
        const base = JSON.stringify(spec.envelope === "openai" ? { ...spec.base!(ctx), response_format: { type: "json_schema", json_schema: { schema: "@@" } } } : { ...spec.base!(ctx), format: "@@" });
        return { body: base.replace('"@@"', deep) };
      }
      if (spec.envelope === "openai") return json({ ...spec.base!(ctx), response_format: { type: "json_schema", json_schema: { schema } } });
      return json({ ...spec.base!(ctx), format: schema });
    },
  },
];

const CREATE_MUTATIONS: Mutation[] = [
  {
    name: "file path outside the upload",
    expect: "reject",
    apply: (random, _spec, ctx) =>
      json({ model: "fuzz-created", files: { [random.pick(["../m.gguf", "/etc/m.gguf", "a/../../m.gguf", "C:\\m.gguf", "", ".", "\\\\srv\\m.gguf"])]: ctx.storedDigest } }),
  },
  {
    name: "file digest that is not a digest",
    expect: "reject",
    apply: (random) => json({ model: "fuzz-created", files: { "m.gguf": random.pick([...INVALID_DIGESTS, ""]) } }),
  },
  {
    name: "file digest with no blob",
    expect: "reject",
    apply: (random) => json({ model: "fuzz-created", stream: false, files: { [random.pick(["m.gguf", "m.bin", "m"])]: `sha256:${"e".repeat(64)}` } }),
  },
  {
    name: "broken template / quantize / adapters / empty files",
    expect: "reject",
    apply: (random, _spec, ctx) =>
      json(
        random.pick<Body>([
          { model: "fuzz-created", files: { "m.gguf": ctx.storedDigest }, template: random.pick(["{{ .Prompt", "{{ end }}", "{{ template }}", "{{ range }}"]) },
          { model: "fuzz-created", files: { "m.gguf": ctx.storedDigest }, quantize: random.pick(["q4_K_M", "q0", "../x"]) },
          { model: "fuzz-created", files: { "m.gguf": ctx.storedDigest }, adapters: { "a.gguf": ctx.storedDigest } },
          { model: "fuzz-created", files: {} },
          { model: "fuzz-created" },
        ]),
      ),
  },
  {
    name: "from a name that is not here",
    expect: "reject",
    apply: (random) =>
      json({ model: "fuzz-created", stream: random.chance(0.5), from: random.chance(0.5) ? random.pick(INVALID_NAMES) : "library/not-here:latest" }),
  },
];

/** Pull and push of a well-formed name whose registry does not answer (kept on loopback by keepOffNetwork). */
const REGISTRY_MUTATIONS: Mutation[] = [
  {
    name: "registry that is not there",
    expect: "reject",
    apply: (random) => json({ model: `library/n${random.int(100)}:latest`, stream: random.chance(0.5), insecure: random.chance(0.5) }),
  },
];

const PADDOCK_MUTATIONS: Mutation[] = [
  {
    name: "unknown field (strict body)",
    expect: "reject",
    apply: (random, spec, ctx) => json({ ...spec.base!(ctx), [random.pick(["id", "created_at", "x", "__proto__x"])]: 1 }),
  },
  {
    name: "value out of range",
    expect: "reject",
    apply: (random, spec) => {
      if (spec.route === "/api/paddock/settings") {
        return json(
          random.pick<Body>([
            { context_length: random.pick([-1, 1e12]) },
            { models_dir: random.pick(["relative/dir", "", "   "]) },
            { keep_alive: random.pick(["abc", "-", "5 parsecs"]) },
            { origins: random.pick([[""], ["not an origin at all"], Array.from({ length: 101 }, (_, i) => `http://h${i}.test`)]) },
          ]),
        );
      }
      if (spec.route.endsWith("/messages")) return json({ role: random.pick(["admin", "", "USER"]), content: "x" });
      if (spec.route.endsWith("/:message")) return undefined;
      return json({ title: "t".repeat(501) });
    },
  },
];

function mutationsFor(spec: EndpointSpec): Mutation[] {
  const list = [...BODY_MUTATIONS];
  if (isInference(spec)) list.push(...INFERENCE_MUTATIONS);
  if (spec.route === "/api/create") list.push(...CREATE_MUTATIONS);
  if (spec.route === "/api/pull" || spec.route === "/api/push") list.push(...REGISTRY_MUTATIONS);
  if (spec.route.startsWith("/api/paddock/") && spec.method !== "DELETE") list.push(...PADDOCK_MUTATIONS);
  return list;
}

/** A valid-looking name sent to a registry would leave the machine: send it to the dead loopback port instead. */
function keepOffNetwork(body: string | Buffer, spec: EndpointSpec, ctx: FuzzContext, random: Random): string | Buffer {
  if (!spec.network || typeof body !== "string") return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return body;
  const fields = parsed as Body;
  let changed = false;
  for (const field of spec.network) {
    const value = fields[field];
    if (typeof value !== "string" || value.startsWith(`${ctx.deadRegistry}/`)) continue;
    const reachesRegistry = parseModelName(value) !== undefined || !("error" in parseModelReference(value, { pull: true }));
    if (reachesRegistry) {
      fields[field] = `${ctx.deadRegistry}/fuzz/n${random.int(1000)}:latest`;
      changed = true;
    }
  }
  if (!changed) return body;
  fields.insecure = true;
  return JSON.stringify(fields);
}

/** Percent-encodes every byte; unlike encodeURIComponent it takes lone surrogates (as their U+FFFD bytes). */
function encodeBytes(text: string): string {
  return [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
}

function validParams(ctx: FuzzContext): Record<string, string> {
  return { id: ctx.conversationId, message: ctx.messageId, model: ctx.model, digest: ctx.storedDigest };
}

/** The route with parameters that exist, so a body case is judged on its body. */
function validPath(spec: EndpointSpec, ctx: FuzzContext): string {
  return spec.route.replace(/:([a-z]+)/g, (_match, param: string) => encodeURIComponent(validParams(ctx)[param]));
}

function pathOf(spec: EndpointSpec, random: Random, ctx: FuzzContext): { path: string; hostile: boolean } {
  let hostile = false;
  const path = spec.route.replace(/:([a-z]+)/g, (_match, param: string) => {
    // DELETE always gets a hostile parameter: the fuzz must not remove what later cases need.
    if (param !== "digest" && spec.method !== "DELETE" && random.chance(0.5)) return encodeURIComponent(validParams(ctx)[param]);
    hostile = true;
    if (param === "digest") return random.chance(0.8) ? random.pick(INVALID_DIGESTS) : `sha256:${random.pick(["a", "b", "c"]).repeat(64)}`;
    if (param === "model") return encodeBytes(random.pick(INVALID_NAMES)).slice(0, 3000);
    return random.pick(["0", "-1", "99999999999999999999", "..%2F..%2Fetc", "%00", "1%20OR%201%3D1", "%F0%9F%A6%99", "x".repeat(3000), "%E0%A4%A"]);
  });
  return { path, hostile };
}

/** Requests for routes without a JSON body: odd parameters and query strings, bodies where none belongs. */
function pathCase(random: Random, spec: EndpointSpec, ctx: FuzzContext): Omit<FuzzCase, "endpoint" | "envelope" | "contract"> {
  const { path, hostile } = pathOf(spec, random, ctx);
  const query = random.pick(["", "?limit=abc", "?limit=-5", "?limit=1e9", "?q=%00%ff", `?q=${"x".repeat(5000)}`, "?a=1&a=2&__proto__=x", "?%zz"]);
  const headers = random.pick<Record<string, string>>([{}, { "content-type": "application/json" }, { accept: "*/*;q=nonsense" }, { "content-type": "text/html; charset=nonsense" }]);
  const blobPost = spec.route === "/api/blobs/:digest" && spec.method === "POST";
  const stray = spec.method !== "GET" && spec.method !== "HEAD" && random.chance(0.5) ? random.pick(BROKEN_JSON) : undefined;
  const body = blobPost ? random.pick(["", "not the bytes", "\u0000".repeat(100)]) : stray;
  return {
    mutation: hostile ? "hostile path parameter" : query ? "hostile query" : "stray headers",
    request: { method: spec.method, path: path + query, headers, body },
    // A parameter naming nothing that exists must be refused; the rest may well be answered.
    expect: hostile || blobPost ? "reject" : "any",
  };
}

/** A known path with a method it does not serve, or with a trailing slash: the router answers. */
function routingCase(random: Random, spec: EndpointSpec, ctx: FuzzContext): Omit<FuzzCase, "endpoint" | "envelope" | "contract"> {
  // Hostile parameters only (as for DELETE): a wrong method must not reach a real conversation.
  const { path } = pathOf({ ...spec, method: "DELETE" }, random, ctx);
  const served = ENDPOINTS.filter((other) => other.route === spec.route).flatMap((other) => (other.method === "GET" ? ["GET", "HEAD"] : [other.method]));
  const others = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) => !served.includes(method));
  if (random.chance(0.5)) return { mutation: "trailing slash", request: { method: spec.method, path: `${path}/` }, expect: "routing" };
  return { mutation: "wrong method", request: { method: random.pick(others), path, body: "{}" }, expect: "routing" };
}

/**
 * `count` cases spread evenly over every endpoint (round robin), each with a mutation picked at random
 * from those that apply to it. Same seed, same cases.
 */
export function* fuzzCases(random: Random, ctx: FuzzContext, count: number): Generator<FuzzCase> {
  for (let index = 0; index < count; index++) {
    const spec = ENDPOINTS[index % ENDPOINTS.length];
    const endpoint = `${spec.method} ${spec.route}`;
    const common = { endpoint, envelope: spec.envelope, contract: spec.contract ?? [] };
    if (random.chance(0.04) && spec.route !== "/") {
      yield { ...common, ...routingCase(random, spec, ctx) };
      continue;
    }
    if (!spec.base) {
      yield { ...common, ...pathCase(random, spec, ctx) };
      continue;
    }
    const mutations = mutationsFor(spec);
    let built: ReturnType<Mutation["apply"]>;
    let mutation: Mutation;
    do {
      mutation = random.pick(mutations);
      built = mutation.apply(random, spec, ctx);
    } while (!built);
    const path = validPath(spec, ctx);
    yield {
      ...common,
      mutation: mutation.name,
      expect: mutation.expect,
      request: { method: spec.method, path, body: keepOffNetwork(built.body, spec, ctx, random), declaredLength: built.declaredLength, chunked: built.chunked },
    };
  }
}
