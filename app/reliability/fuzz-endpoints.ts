import type { JsonType } from "./fuzz-values.js";

/** How an endpoint words its errors: Ollama's `{"error":"…"}`, OpenAI's `{"error":{"message"}}` or Anthropic's. */
export type Envelope = "native" | "openai" | "anthropic";

/** The 500s and 200-with-error-line answers the contract prescribes for bad input (spec section in `source`). */
export type ContractOutcome = "option-type" | "invalid-format" | "template-exec" | "missing-gguf-blob" | "pull-failed" | "push-failed";

/** What the fuzz needs from the running engine to build requests that get past the first checks. */
export interface FuzzContext {
  /** A model that exists, so validation past the name lookup is reached. */
  model: string;
  conversationId: string;
  messageId: string;
  /** host:port of a loopback port where nothing listens: names that would reach a registry are sent there. */
  deadRegistry: string;
  /** A digest whose blob exists (the model's weights). */
  storedDigest: string;
}

export interface EndpointSpec {
  method: "GET" | "HEAD" | "POST" | "PATCH" | "DELETE";
  /** As in the routing table, with :params. */
  route: string;
  envelope: Envelope;
  /** A request body that gets far into the handler; mutations start from it. */
  base?: (ctx: FuzzContext) => Record<string, unknown>;
  /** Fields whose JSON type is checked, with the types they accept. */
  typed?: Record<string, readonly JsonType[]>;
  /** Fields holding a model name. */
  names?: readonly string[];
  /** Fields whose valid name makes the endpoint reach a registry: such names are pointed at the dead loopback port. */
  network?: readonly string[];
  contract?: readonly ContractOutcome[];
}

const NATIVE_INFERENCE: Record<string, readonly JsonType[]> = {
  model: ["string"],
  stream: ["bool"],
  options: ["object"],
  truncate: ["bool"],
  shift: ["bool"],
  logprobs: ["bool"],
  top_logprobs: ["int"],
  _debug_render_only: ["bool"],
};

/** Every route of the engine with its body's shape. The fuzz checks this list against the live routing table. */
export const ENDPOINTS: readonly EndpointSpec[] = [
  {
    method: "POST",
    route: "/api/generate",
    envelope: "native",
    base: (ctx) => ({ model: ctx.model, prompt: "hi", stream: false, options: { num_predict: 2 } }),
    typed: { ...NATIVE_INFERENCE, prompt: ["string"], suffix: ["string"], system: ["string"], template: ["string"], context: ["array"], raw: ["bool"], images: ["array"] },
    names: ["model"],
    contract: ["option-type", "invalid-format", "template-exec"],
  },
  {
    method: "POST",
    route: "/api/chat",
    envelope: "native",
    base: (ctx) => ({ model: ctx.model, messages: [{ role: "user", content: "hi" }], stream: false, options: { num_predict: 2 } }),
    typed: { ...NATIVE_INFERENCE, messages: ["array"], tools: ["array"] },
    names: ["model"],
    contract: ["option-type", "invalid-format", "template-exec"],
  },
  {
    method: "POST",
    route: "/api/embed",
    envelope: "native",
    base: (ctx) => ({ model: ctx.model, input: "hi" }),
    typed: { model: ["string"], input: ["string", "array"], truncate: ["bool"], dimensions: ["int"], options: ["object"] },
    names: ["model"],
    contract: ["option-type"],
  },
  {
    method: "POST",
    route: "/api/embeddings",
    envelope: "native",
    base: (ctx) => ({ model: ctx.model, prompt: "hi" }),
    typed: { model: ["string"], prompt: ["string"], options: ["object"] },
    names: ["model"],
    contract: ["option-type"],
  },
  { method: "GET", route: "/api/tags", envelope: "native" },
  { method: "HEAD", route: "/api/tags", envelope: "native" },
  {
    method: "POST",
    route: "/api/show",
    envelope: "native",
    base: (ctx) => ({ model: ctx.model }),
    typed: { model: ["string"], name: ["string"], verbose: ["bool"], system: ["string"], options: ["object"] },
    names: ["model", "name"],
  },
  {
    method: "POST",
    route: "/api/copy",
    envelope: "native",
    base: (ctx) => ({ source: ctx.model, destination: "../escaped" }),
    typed: { source: ["string"], destination: ["string"] },
    names: ["source", "destination"],
  },
  {
    method: "DELETE",
    route: "/api/delete",
    envelope: "native",
    // Never the real model: the fuzz must not delete what later requests need.
    base: () => ({ model: "not-here-at-all" }),
    typed: { model: ["string"], name: ["string"] },
    names: ["model", "name"],
  },
  {
    method: "POST",
    route: "/api/create",
    envelope: "native",
    base: (ctx) => ({ model: "fuzz-created", files: { "../model.gguf": ctx.storedDigest }, stream: false }),
    typed: {
      model: ["string"],
      from: ["string"],
      files: ["object"],
      template: ["string"],
      system: ["string"],
      license: ["string", "array"],
      parameters: ["object"],
      messages: ["array"],
      quantize: ["string"],
      stream: ["bool"],
    },
    names: ["model", "from"],
    network: ["from"],
    contract: ["missing-gguf-blob", "pull-failed"],
  },
  {
    method: "POST",
    route: "/api/pull",
    envelope: "native",
    base: () => ({ model: "../../etc/passwd", stream: false }),
    typed: { model: ["string"], name: ["string"], insecure: ["bool"], stream: ["bool"] },
    names: ["model", "name"],
    network: ["model", "name"],
    contract: ["pull-failed"],
  },
  {
    method: "POST",
    route: "/api/push",
    envelope: "native",
    base: (ctx) => ({ model: `${ctx.deadRegistry}/fuzz/not-here`, stream: false }),
    typed: { model: ["string"], name: ["string"], insecure: ["bool"], stream: ["bool"] },
    names: ["model", "name"],
    network: ["model", "name"],
    contract: ["push-failed"],
  },
  { method: "GET", route: "/api/downloads", envelope: "native" },
  {
    method: "DELETE",
    route: "/api/downloads",
    envelope: "native",
    base: () => ({ digest: `sha256:${"0".repeat(64)}` }),
    typed: { model: ["string"], name: ["string"], digest: ["string"] },
    names: ["model", "name"],
  },
  { method: "HEAD", route: "/api/blobs/:digest", envelope: "native" },
  { method: "POST", route: "/api/blobs/:digest", envelope: "native" },
  { method: "GET", route: "/api/ps", envelope: "native" },
  { method: "GET", route: "/", envelope: "native" },
  { method: "HEAD", route: "/", envelope: "native" },
  { method: "GET", route: "/api/version", envelope: "native" },
  { method: "HEAD", route: "/api/version", envelope: "native" },
  { method: "GET", route: "/api/paddock/conversations", envelope: "native" },
  {
    method: "POST",
    route: "/api/paddock/conversations",
    envelope: "native",
    base: () => ({ title: "t", model: "m", system: "s", options: {} }),
    typed: { title: ["string"], model: ["string"], system: ["string"], options: ["object"] },
  },
  { method: "GET", route: "/api/paddock/conversations/:id", envelope: "native" },
  {
    method: "PATCH",
    route: "/api/paddock/conversations/:id",
    envelope: "native",
    base: () => ({ title: "t" }),
    typed: { title: ["string"], model: ["string"], system: ["string"], options: ["object"] },
  },
  { method: "DELETE", route: "/api/paddock/conversations/:id", envelope: "native" },
  { method: "GET", route: "/api/paddock/conversations/:id/messages", envelope: "native" },
  {
    method: "POST",
    route: "/api/paddock/conversations/:id/messages",
    envelope: "native",
    base: () => ({ role: "user", content: "hi" }),
    typed: { role: ["string"], content: ["string"], thinking: ["string"], model: ["string"], metrics: ["object"] },
  },
  {
    method: "PATCH",
    route: "/api/paddock/conversations/:id/messages/:message",
    envelope: "native",
    base: () => ({ content: "edited" }),
    typed: { content: ["string"], thinking: ["string"], metrics: ["object"] },
  },
  { method: "DELETE", route: "/api/paddock/conversations/:id/messages/:message", envelope: "native" },
  { method: "GET", route: "/api/paddock/settings", envelope: "native" },
  {
    method: "PATCH",
    route: "/api/paddock/settings",
    envelope: "native",
    base: () => ({ context_length: 2048 }),
    typed: { models_dir: ["string"], expose: ["bool"], origins: ["array"], context_length: ["int"], keep_alive: ["string"] },
  },
  {
    method: "POST",
    route: "/v1/chat/completions",
    envelope: "openai",
    base: (ctx) => ({ model: ctx.model, messages: [{ role: "user", content: "hi" }], max_tokens: 2 }),
    typed: {
      model: ["string"],
      messages: ["array"],
      stream: ["bool"],
      max_tokens: ["int"],
      seed: ["int"],
      temperature: ["number"],
      top_p: ["number"],
      response_format: ["object"],
      tools: ["array"],
      logprobs: ["bool"],
      top_logprobs: ["int"],
    },
    names: ["model"],
    contract: ["option-type", "invalid-format"],
  },
  {
    method: "POST",
    route: "/v1/completions",
    envelope: "openai",
    base: (ctx) => ({ model: ctx.model, prompt: "hi", max_tokens: 2 }),
    typed: { model: ["string"], prompt: ["string"], suffix: ["string"], max_tokens: ["int"], temperature: ["number"], seed: ["int"], stream: ["bool"], logprobs: ["int"] },
    names: ["model"],
    contract: ["option-type"],
  },
  {
    method: "POST",
    route: "/v1/embeddings",
    envelope: "openai",
    base: (ctx) => ({ model: ctx.model, input: "hi" }),
    typed: { model: ["string"], dimensions: ["int"], encoding_format: ["string"] },
    names: ["model"],
    contract: ["option-type"],
  },
  { method: "GET", route: "/v1/models", envelope: "openai" },
  { method: "GET", route: "/v1/models/:model", envelope: "openai" },
  {
    method: "POST",
    route: "/v1/messages",
    envelope: "anthropic",
    base: (ctx) => ({ model: ctx.model, max_tokens: 2, messages: [{ role: "user", content: "hi" }] }),
    typed: {
      model: ["string"],
      max_tokens: ["int"],
      messages: ["array"],
      stream: ["bool"],
      temperature: ["number"],
      top_p: ["number"],
      top_k: ["int"],
      stop_sequences: ["array"],
      tools: ["array"],
      thinking: ["object"],
    },
    names: ["model"],
    contract: ["option-type"],
  },
];
