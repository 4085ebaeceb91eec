import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

type Chunk = Record<string, any>;

const METRICS = ["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration"];

describe("POST /api/generate", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine();
    await createModelFromFile(engine, "tiny", await testModelPath());
  });
  after(() => engine.close());

  test("streams NDJSON by default and ends with Ollama's stats", async () => {
    const reply = await engine.post("/api/generate", { model: "Tiny", prompt: "hello there", options: { num_predict: 12, seed: 7 } });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get("content-type"), "application/x-ndjson");
    const lines = (await reply.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line) as Chunk);
    assert.ok(lines.length >= 2);
    for (const chunk of lines.slice(0, -1)) {
      assert.deepEqual(Object.keys(chunk), ["model", "created_at", "response", "done"]);
      assert.equal(chunk.model, "Tiny");
      assert.equal(chunk.done, false);
      assert.match(chunk.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
    const last = lines[lines.length - 1];
    assert.equal(last.done, true);
    assert.equal(last.done_reason, "length");
    assert.equal(last.eval_count, 12);
    for (const key of METRICS) assert.ok(Number.isInteger(last[key]) && last[key] > 0, `${key} = ${last[key]}`);
    assert.ok(last.total_duration >= last.load_duration);
    assert.ok(Array.isArray(last.context) && last.context.length === last.prompt_eval_count + last.eval_count);
  });

  test("stream:false returns one object with the whole response; a seed makes it repeatable", async () => {
    const body = { model: "tiny", prompt: "repeat after me", stream: false, options: { num_predict: 16, seed: 42, temperature: 0.9 } };
    const first = await engine.post("/api/generate", body);
    assert.equal(first.headers.get("content-type"), "application/json; charset=utf-8");
    const one = (await first.json()) as Chunk;
    assert.equal(one.done, true);
    assert.equal(typeof one.response, "string");
    assert.ok(one.response.length > 0);
    const streamed = await engine.postLines("/api/generate", { ...body, stream: true });
    assert.equal(streamed.map((chunk) => chunk.response).join(""), one.response);
  });

  test("context continues a conversation from the returned tokens", async () => {
    const first = (await (await engine.post("/api/generate", { model: "tiny", prompt: "one", stream: false, options: { num_predict: 4 } })).json()) as Chunk;
    const second = (await (
      await engine.post("/api/generate", { model: "tiny", prompt: "two", context: first.context, stream: false, options: { num_predict: 4 } })
    ).json()) as Chunk;
    assert.equal(second.done, true);
    assert.ok(second.context.length > first.context.length);
    assert.deepEqual(second.context.slice(0, first.context.length), first.context);
  });

  test("a stop sequence ends the answer before it", async () => {
    const base = { model: "tiny", prompt: "stop test", stream: false, options: { num_predict: 24, temperature: 0, seed: 1 } };
    const free = ((await (await engine.post("/api/generate", base)).json()) as Chunk).response as string;
    assert.ok(free.length >= 6, `model wrote too little: ${JSON.stringify(free)}`);
    const stop = free.slice(3, 5);
    const stopped = (await (await engine.post("/api/generate", { ...base, options: { ...base.options, stop: [stop] } })).json()) as Chunk;
    assert.equal(stopped.response, free.slice(0, free.indexOf(stop)));
    assert.equal(stopped.done_reason, "stop");
  });

  test("format json constrains the output to JSON", async () => {
    const reply = (await (
      await engine.post("/api/generate", { model: "tiny", prompt: "json please", format: "json", stream: false, options: { num_predict: 20, seed: 3 } })
    ).json()) as Chunk;
    assert.match(reply.response, /^\s*[{[]/);
    const schema = { type: "object", properties: { a: { type: "integer" } }, required: ["a"] };
    const withSchema = (await (
      await engine.post("/api/generate", { model: "tiny", prompt: "json please", format: schema, stream: false, options: { num_predict: 30, seed: 3 } })
    ).json()) as Chunk;
    assert.match(withSchema.response, /^\s*\{\s*"a"\s*:/);
  });

  test("raw mode sends the prompt untouched and returns no context", async () => {
    const reply = (await (await engine.post("/api/generate", { model: "tiny", prompt: "raw", raw: true, stream: false, options: { num_predict: 3 } })).json()) as Chunk;
    assert.equal(reply.done, true);
    assert.equal(reply.context, undefined);
  });

  test("an empty prompt loads the model; keep_alive 0 unloads it", async () => {
    const load = await engine.post("/api/generate", { model: "tiny" });
    const loaded = (await load.json()) as Chunk;
    assert.equal(loaded.done, true);
    assert.equal(loaded.done_reason, "load");
    assert.equal(loaded.response, "");
    const ps = (await (await fetch(`${engine.url}/api/ps`)).json()) as { models: Chunk[] };
    assert.equal(ps.models.length, 1);
    assert.equal(ps.models[0].name, "tiny:latest");
    assert.equal(ps.models[0].size_vram, 0);
    assert.ok(ps.models[0].context_length > 0);
    const unload = (await (await engine.post("/api/generate", { model: "tiny", keep_alive: 0 })).json()) as Chunk;
    assert.equal(unload.done_reason, "unload");
    const after = (await (await fetch(`${engine.url}/api/ps`)).json()) as { models: Chunk[] };
    assert.deepEqual(after.models, []);
  });

  test("a template with .Suffix gives the insert capability and renders prompt and suffix", async () => {
    await createModelFromFile(engine, "coder", await testModelPath(), {
      template: "{{- if .Suffix }}<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>{{- else }}{{ .Prompt }}{{- end }}",
    });
    const show = (await (await engine.post("/api/show", { model: "coder" })).json()) as Chunk;
    assert.deepEqual(show.capabilities, ["completion", "insert"]);
    const rendered = (await (await engine.post("/api/generate", { model: "coder", prompt: "def f(", suffix: "return x", _debug_render_only: true })).json()) as Chunk;
    assert.equal(rendered._debug_info.rendered_template, "<PRE> def f( <SUF>return x <MID>");
    const reply = (await (await engine.post("/api/generate", { model: "coder", prompt: "def f(", suffix: "return x", stream: false, options: { num_predict: 3 } })).json()) as Chunk;
    assert.equal(reply.eval_count, 3);
  });

  test("_debug_render_only returns the rendered prompt", async () => {
    const reply = (await (await engine.post("/api/generate", { model: "tiny", prompt: "hi", system: "sys", _debug_render_only: true })).json()) as Chunk;
    // The default template is {{ .Prompt }}, which leaves the system prompt out, as in Ollama.
    assert.equal(reply._debug_info.rendered_template, "hi");
  });

  test("bad requests get Ollama's status and error body", async () => {
    const cases: Array<[unknown, number, string | RegExp]> = [
      [{ prompt: "x" }, 404, "model '' not found"],
      [{ model: "a:b:c", prompt: "x" }, 400, "invalid model name"],
      [{ model: "missing", prompt: "x" }, 404, "model 'missing' not found"],
      [{ model: "tiny", prompt: "x", raw: true, system: "s" }, 400, "raw mode does not support template, system, or context"],
      [{ model: "tiny", prompt: "x", think: true }, 400, `"tiny" does not support thinking`],
      [{ model: "tiny", prompt: "x", think: "extreme" }, 400, /^invalid think value/],
      [{ model: "tiny", prompt: "x", suffix: "y" }, 400, "registry.ollama.ai/library/tiny:latest does not support insert"],
      [{ model: "tiny", prompt: "x", keep_alive: "abc" }, 400, `time: invalid duration "abc"`],
      [{ model: "tiny", prompt: "x", keep_alive: true }, 400, "Unsupported type: 'bool'"],
      [{ model: "tiny", prompt: "x", top_logprobs: 21 }, 400, "top_logprobs must be between 0 and 20"],
      [{ model: "tiny", prompt: "x", options: { top_k: "many" } }, 400, `option "top_k" must be of type integer`],
      [{ model: "tiny", prompt: "x", options: { stop: "x" } }, 400, `option "stop" must be of type array`],
      [{ model: "tiny", prompt: "x", format: "xml" }, 400, /^invalid format: /],
      [{ model: "tiny", prompt: 5 }, 400, /cannot unmarshal number/],
    ];
    for (const [body, status, error] of cases) {
      const reply = await engine.post("/api/generate", body);
      assert.equal(reply.status, status, JSON.stringify(body));
      const parsed = (await reply.json()) as { error: string };
      if (typeof error === "string") assert.equal(parsed.error, error, JSON.stringify(body));
      else assert.match(parsed.error, error, JSON.stringify(body));
    }
  });
});

describe("logprobs", () => {
  let engine: TestEngine;
  before(async () => {
    engine = await startTestEngine();
    await createModelFromFile(engine, "tiny", await testModelPath());
  });
  after(() => engine.close());

  test("logprobs and top_logprobs come with each generated token", async () => {
    const reply = (await (
      await engine.post("/api/generate", { model: "tiny", prompt: "hi", stream: false, logprobs: true, top_logprobs: 3, options: { num_predict: 5 } })
    ).json()) as Chunk;
    assert.equal(reply.logprobs.length, 5);
    for (const entry of reply.logprobs) {
      assert.equal(typeof entry.token, "string");
      assert.ok(entry.logprob <= 0);
      assert.ok(Array.isArray(entry.bytes));
      assert.equal(entry.top_logprobs.length, 3);
    }
    assert.equal(reply.logprobs.map((entry: { token: string }) => entry.token).join(""), reply.response);
    const chat = (await (
      await engine.post("/api/chat", { model: "tiny", messages: [{ role: "user", content: "hi" }], stream: false, logprobs: true, options: { num_predict: 3 } })
    ).json()) as Chunk;
    assert.equal(chat.logprobs.length, 3);
    assert.equal(chat.logprobs[0].top_logprobs, undefined);
  });
});
