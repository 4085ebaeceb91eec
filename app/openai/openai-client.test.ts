// The official openai npm client, unmodified, against the real engine over HTTP.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

// A ChatML template that shows tools, tool names and tool calls, so the debug render proves the mapping.
const TOOLS_TEMPLATE = `{{- if .Tools }}<|im_start|>system
Tools:{{ range .Tools }} {{ .Function.Name }}{{ end }}<|im_end|>
{{ end }}{{- range .Messages }}<|im_start|>{{ .Role }}{{ if .ToolName }} ({{ .ToolName }}){{ end }}
{{ .Content }}{{ range .ToolCalls }}<tool_call>{{ .Function.Name }} {{ .Function.Arguments }}</tool_call>{{ end }}<|im_end|>
{{ end }}<|im_start|>assistant
`;

const hi = [{ role: "user" as const, content: "hi" }];
const GREEDY = { temperature: 0, seed: 7 };

async function rejects<T>(promise: Promise<unknown>, type: new (...args: any[]) => T, check: (error: T) => void = () => {}): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    check(error);
    return true;
  });
}

describe("openai client against /v1", () => {
  let engine: TestEngine;
  let client: OpenAI;

  before(async () => {
    engine = await startTestEngine({ PADDOCK_NUM_PARALLEL: "2" });
    const gguf = await testModelPath();
    await createModelFromFile(engine, "tiny", gguf);
    await createModelFromFile(engine, "tools", gguf, { template: TOOLS_TEMPLATE });
    // No retries: an error must surface at once, as the status the engine sent.
    client = new OpenAI({ baseURL: `${engine.url}/v1`, apiKey: "ollama", maxRetries: 0 });
  });
  after(() => engine.close());

  test("chat completion: Ollama's ids, fingerprint, usage and finish_reason", async () => {
    const started = Math.floor(Date.now() / 1000);
    const completion = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 4 });
    assert.match(completion.id, /^chatcmpl-\d{1,3}$/);
    assert.equal(completion.object, "chat.completion");
    assert.equal(completion.model, "tiny");
    assert.equal(completion.system_fingerprint, "fp_ollama");
    assert.ok(completion.created >= started && completion.created <= Date.now() / 1000);
    assert.equal(completion.choices.length, 1);
    const [choice] = completion.choices;
    assert.equal(choice.index, 0);
    assert.equal(choice.finish_reason, "length");
    assert.equal(choice.message.role, "assistant");
    assert.ok(choice.message.content && choice.message.content.length > 0);
    assert.equal(completion.usage?.completion_tokens, 4);
    assert.equal(completion.usage?.total_tokens, completion.usage!.prompt_tokens + 4);
    const newer = await client.chat.completions.create({ model: "tiny", messages: hi, max_completion_tokens: 2 });
    assert.equal(newer.usage?.completion_tokens, 2);
  });

  test("streamed chat: role first, one created, a finish chunk, the usage chunk, then [DONE]", async () => {
    const whole = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 6, ...GREEDY });
    const stream = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 6, ...GREEDY, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const [first] = chunks;
    assert.equal(first.choices[0].delta.role, "assistant");
    assert.ok(chunks.slice(1).every((chunk) => chunk.choices[0]?.delta.role === undefined));
    assert.ok(chunks.every((chunk) => chunk.id === first.id && chunk.created === first.created && chunk.object === "chat.completion.chunk"));
    const usage = chunks[chunks.length - 1];
    assert.deepEqual(usage.choices, []);
    assert.equal(usage.usage?.completion_tokens, 6);
    const finish = chunks[chunks.length - 2];
    assert.deepEqual(finish.choices[0].delta, {});
    assert.equal(finish.choices[0].finish_reason, "length");
    assert.ok(chunks.slice(0, -2).every((chunk) => chunk.choices[0].finish_reason === null && chunk.usage === undefined));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    assert.equal(text, whole.choices[0].message.content, "the same seed and settings give the same text streamed or not");

    const raw = await engine.post("/v1/chat/completions", { model: "tiny", messages: hi, max_tokens: 2, stream: true });
    assert.equal(raw.headers.get("content-type"), "text/event-stream");
    const body = await raw.text();
    assert.ok(body.endsWith("data: [DONE]\n\n"));
    assert.ok(!body.includes('"usage"'), "without include_usage no chunk carries usage");
  });

  test("stop (string or array) ends at the stop text with finish_reason stop", async () => {
    const free = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 8, ...GREEDY });
    const words = free.choices[0].message.content!.split(" ").filter(Boolean);
    const stopAt = ` ${words[2]}`;
    const expected = free.choices[0].message.content!.slice(0, free.choices[0].message.content!.indexOf(stopAt));
    for (const stop of [stopAt, ["no such text", stopAt]]) {
      const stopped = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 8, ...GREEDY, stop });
      assert.equal(stopped.choices[0].finish_reason, "stop");
      assert.equal(stopped.choices[0].message.content, expected);
    }
  });

  test("seed makes sampling at the default temperature repeatable", async () => {
    const ask = () => client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 6, seed: 123, top_p: 0.9, frequency_penalty: 0.5, presence_penalty: 0.5 });
    assert.equal((await ask()).choices[0].message.content, (await ask()).choices[0].message.content);
  });

  test("response_format: json_object and json_schema constrain the output", async () => {
    const json = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 5, ...GREEDY, response_format: { type: "json_object" } });
    assert.match(json.choices[0].message.content!, /^\s*\{/);
    const schema = { type: "object", properties: { a: { type: "integer" } }, required: ["a"] };
    const shaped = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 30, ...GREEDY, response_format: { type: "json_schema", json_schema: { name: "shape", schema } } });
    assert.ok(Number.isInteger(JSON.parse(shaped.choices[0].message.content!).a));
  });

  test("tools, tool calls, tool results and content parts reach the template", async () => {
    const body = {
      model: "tools",
      messages: [
        { role: "user", content: [{ type: "text", text: "weather in Oslo?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "cold" },
      ],
      tools: [{ type: "function", function: { name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
      _debug_render_only: true,
    };
    const rendered = (await client.chat.completions.create(body as never)) as unknown as { _debug_info: { rendered_template: string } };
    const text = rendered._debug_info.rendered_template;
    assert.match(text, /^<\|im_start\|>system\nTools: weather<\|im_end\|>/);
    assert.match(text, /<tool_call>weather \{"city":"Oslo"\}<\/tool_call>/);
    assert.match(text, /<\|im_start\|>tool \(weather\)\ncold<\|im_end\|>/);
    assert.match(text, /weather in Oslo\?/);

    const answered = await client.chat.completions.create({ model: "tools", messages: hi, max_tokens: 3, tools: body.tools as never });
    assert.ok(["length", "stop", "tool_calls"].includes(answered.choices[0].finish_reason));
  });

  test("logprobs and top_logprobs are accepted and passed to the native handler", async () => {
    const completion = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 2, logprobs: true, top_logprobs: 2 });
    const logprobs = completion.choices[0].logprobs;
    if (logprobs) assert.ok(Array.isArray(logprobs.content));
    await rejects(client.chat.completions.create({ model: "tiny", messages: hi, logprobs: true, top_logprobs: 21 }), OpenAI.BadRequestError, (error) =>
      assert.equal(error.message, "400 top_logprobs must be between 0 and 20"),
    );
  });

  test("chat errors are the client's own error types with OpenAI's envelope", async () => {
    await rejects(client.chat.completions.create({ model: "no-such-model", messages: hi }), OpenAI.NotFoundError, (error) => {
      assert.equal(error.status, 404);
      assert.equal(error.type, "not_found_error");
      assert.deepEqual(error.error, { message: "model 'no-such-model' not found", type: "not_found_error", param: null, code: null });
    });
    await rejects(client.chat.completions.create({ model: "tiny", messages: [] }), OpenAI.BadRequestError, (error) => {
      assert.equal(error.type, "invalid_request_error");
      assert.equal((error.error as { message: string }).message, "[] is too short - 'messages'");
    });
    await rejects(client.chat.completions.create({ model: "", messages: hi }), OpenAI.BadRequestError, (error) => assert.match(error.message, /model is required/));
    await rejects(client.chat.completions.create({ model: "a:b:c", messages: hi }), OpenAI.BadRequestError, (error) => assert.match(error.message, /invalid model name/));
    await rejects(client.chat.completions.create({ model: "tiny", messages: hi, tools: [{ type: "function", function: { name: "f" } }] }), OpenAI.BadRequestError, (error) =>
      assert.match(error.message, /registry\.ollama\.ai\/library\/tiny:latest does not support tools/),
    );
    await rejects(client.chat.completions.create({ model: "tiny", messages: hi, reasoning_effort: "high" }), OpenAI.BadRequestError, (error) =>
      assert.match(error.message, /"tiny" does not support thinking/),
    );
    await rejects(client.chat.completions.create({ model: "tiny", messages: hi, reasoning_effort: "loud" as never }), OpenAI.BadRequestError, (error) =>
      assert.match(error.message, /invalid reasoning value: "loud"/),
    );
    await rejects(client.chat.completions.create({ model: "tiny", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }] }] }), OpenAI.BadRequestError, (error) =>
      assert.match(error.message, /image URLs are not currently supported/),
    );
    // reasoning_effort "none" is think:false, which any model accepts.
    await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: 1, reasoning_effort: "none" as never });
    await rejects(client.chat.completions.create({ model: "tiny", messages: hi, stream: true, temperature: "hot" as never }), OpenAI.BadRequestError);
  });

  test("bodies that are not JSON get the envelope; an empty body is EOF", async () => {
    const empty = await engine.post("/v1/chat/completions", "");
    assert.equal(empty.status, 400);
    assert.equal(empty.headers.get("content-type"), "application/json");
    assert.deepEqual(await empty.json(), { error: { message: "EOF", type: "invalid_request_error", param: null, code: null } });
    const broken = await engine.post("/v1/completions", "{nope");
    assert.equal(broken.status, 400);
    assert.equal(((await broken.json()) as { error: { type: string } }).error.type, "invalid_request_error");
  });

  test("a client that aborts a stream stops the generation and frees the slot", async () => {
    const stream = await client.chat.completions.create({ model: "tiny", messages: hi, max_tokens: -1, stream: true });
    let seen = 0;
    for await (const _chunk of stream) if (++seen === 3) break;
    const runner = engine.engine.scheduler.loaded().find((loaded) => loaded.model.displayName.startsWith("tiny"));
    assert.ok(runner);
    const deadline = Date.now() + 2000;
    while (runner.slots.busy > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(runner.slots.busy, 0);
  });

  test("legacy completions, whole and streamed with include_usage", async () => {
    const whole = await client.completions.create({ model: "tiny", prompt: "Once upon a time", max_tokens: 5, ...GREEDY });
    assert.match(whole.id, /^cmpl-\d{1,3}$/);
    assert.equal(whole.object, "text_completion");
    assert.equal(whole.system_fingerprint, "fp_ollama");
    assert.equal(whole.choices[0].finish_reason, "length");
    assert.equal(whole.usage?.completion_tokens, 5);
    const stream = await client.completions.create({ model: "tiny", prompt: "Once upon a time", max_tokens: 5, ...GREEDY, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks[chunks.length - 1];
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage?.completion_tokens, 5);
    assert.equal(chunks[chunks.length - 2].choices[0].finish_reason, "length");
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.text ?? "").join(""), whole.choices[0].text);

    await rejects(client.completions.create({ model: "", prompt: "x" }), OpenAI.NotFoundError, (error) => assert.match(error.message, /model '' not found/));
    await rejects(client.completions.create({ model: "tiny", prompt: "x", stop: ["ok", 1 as never] }), OpenAI.BadRequestError, (error) =>
      assert.match(error.message, /invalid type for 'stop' field: float64/),
    );
    await rejects(client.completions.create({ model: "tiny", prompt: ["a", "b"] }), OpenAI.BadRequestError);
  });

  test("models: list and retrieve; an unknown model is NotFoundError", async () => {
    const ids = [];
    for await (const model of client.models.list()) {
      assert.equal(model.object, "model");
      assert.equal(model.owned_by, "library");
      assert.ok(model.created > 0);
      ids.push(model.id);
    }
    assert.deepEqual(ids.sort(), ["tiny:latest", "tools:latest"]);
    const model = await client.models.retrieve("tiny");
    assert.deepEqual({ ...model, created: 0 }, { id: "tiny", object: "model", created: 0, owned_by: "library" });
    assert.equal((await client.models.retrieve("tiny:latest")).id, "tiny:latest");
    await rejects(client.models.retrieve("nope"), OpenAI.NotFoundError, (error) => assert.match(error.message, /model 'nope:latest' not found/));
  });

  test("embeddings: base64 (the client's default) and float agree; errors are typed", async () => {
    const input = ["hello world", "good night"];
    const viaBase64 = await client.embeddings.create({ model: "tiny", input });
    const viaFloat = await client.embeddings.create({ model: "tiny", input, encoding_format: "float" });
    assert.equal(viaBase64.object, "list");
    assert.equal(viaBase64.model, "tiny");
    assert.deepEqual(viaBase64.data.map((item) => item.index), [0, 1]);
    assert.deepEqual(viaBase64.data.map((item) => item.embedding), viaFloat.data.map((item) => item.embedding.map(Math.fround)));
    assert.ok(viaFloat.usage.prompt_tokens > 0 && viaFloat.usage.total_tokens === viaFloat.usage.prompt_tokens);
    const raw = (await (await engine.post("/v1/embeddings", { model: "tiny", input: "x", encoding_format: "base64" })).json()) as { data: Array<{ embedding: unknown }> };
    assert.equal(typeof raw.data[0].embedding, "string");
    const cut = await client.embeddings.create({ model: "tiny", input: "hello", dimensions: 8, encoding_format: "float" });
    assert.equal(cut.data[0].embedding.length, 8);

    await rejects(client.embeddings.create({ model: "tiny", input: [] }), OpenAI.BadRequestError, (error) => assert.match(error.message, /invalid input/));
    await rejects(client.embeddings.create({ model: "tiny", input: "x", encoding_format: "hex" as never }), OpenAI.BadRequestError, (error) =>
      assert.match(error.message, /Invalid value for 'encoding_format' = hex\. Supported values: \['float', 'base64'\]\./),
    );
    await rejects(client.embeddings.create({ model: "nope", input: "x" }), OpenAI.NotFoundError, (error) => assert.match(error.message, /model "nope" not found, try pulling it first/));
  });
});
