import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createModelFromFile, sharedModel, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

type Chunk = Record<string, any>;

const CHATML = `{{- range .Messages }}<|im_start|>{{ .Role }}
{{ .Content }}<|im_end|>
{{ end }}<|im_start|>assistant
`;

const TOOLS_TEMPLATE = `{{- if .Tools }}<|im_start|>system
Tools: {{ json .Tools }}<|im_end|>
{{ end }}{{- range .Messages }}<|im_start|>{{ .Role }}
{{ if .ToolCalls }}{{ range .ToolCalls }}{"name": "{{ .Function.Name }}", "arguments": {{ json .Function.Arguments }}}{{ end }}{{ else }}{{ .Content }}{{ end }}<|im_end|>
{{ end }}<|im_start|>assistant
`;

const THINKING_TEMPLATE = `{{- range .Messages }}<|im_start|>{{ .Role }}
{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}{{ .Content }}<|im_end|>
{{ end }}<|im_start|>assistant
{{ if .Think }}<think>{{ end }}`;

const WEATHER_TOOL = {
  type: "function",
  function: { name: "get_weather", description: "Weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

// The random test model cannot decide to call a tool, so a JSON schema forces the call's exact text.
const FORCED_CALL = {
  type: "object",
  properties: { name: { const: "get_weather" }, arguments: { type: "object", properties: { city: { enum: ["Paris"] } }, required: ["city"] } },
  required: ["name", "arguments"],
};

describe("POST /api/chat", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine();
    const gguf = await testModelPath();
    await createModelFromFile(engine, "tiny", gguf);
    await createModelFromFile(engine, "chatml", gguf, { template: CHATML, system: "Be brief." });
    await createModelFromFile(engine, "tools", gguf, { template: TOOLS_TEMPLATE });
    await createModelFromFile(engine, "thinker", gguf, { template: THINKING_TEMPLATE });
  });
  after(() => engine.close());

  test("streams assistant message chunks and ends with stats", async () => {
    const reply = await engine.post("/api/chat", { model: "tiny", messages: [{ role: "user", content: "hi" }], options: { num_predict: 8 } });
    assert.equal(reply.headers.get("content-type"), "application/x-ndjson");
    const lines = (await reply.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line) as Chunk);
    for (const chunk of lines.slice(0, -1)) {
      assert.deepEqual(Object.keys(chunk), ["model", "created_at", "message", "done"]);
      assert.equal(chunk.message.role, "assistant");
      assert.equal(typeof chunk.message.content, "string");
    }
    const last = lines[lines.length - 1];
    assert.equal(last.done, true);
    assert.equal(last.done_reason, "length");
    assert.deepEqual(last.message, { role: "assistant", content: "" });
    assert.equal(last.eval_count, 8);
    assert.equal(last.context, undefined);
    assert.ok(last.prompt_eval_count > 0 && last.eval_duration > 0);
  });

  test("stream:false joins the content", async () => {
    const body = { model: "tiny", messages: [{ role: "user", content: "hi" }], options: { num_predict: 10, seed: 9 } };
    const whole = (await (await engine.post("/api/chat", { ...body, stream: false })).json()) as Chunk;
    const streamed = await engine.postLines("/api/chat", { ...body, stream: true });
    assert.equal(streamed.map((chunk) => chunk.message.content).join(""), whole.message.content);
    assert.equal(whole.done, true);
  });

  test("the model's Go template and SYSTEM render the conversation", async () => {
    const reply = (await (
      await engine.post("/api/chat", {
        model: "chatml",
        messages: [
          { role: "USER", content: "Hello" },
          { role: "assistant", content: "Hi!" },
          { role: "user", content: "How are you?" },
        ],
        _debug_render_only: true,
      })
    ).json()) as Chunk;
    assert.equal(
      reply._debug_info.rendered_template,
      "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHow are you?<|im_end|>\n<|im_start|>assistant\n",
    );
  });

  test("a GGUF's own Jinja chat template is used when there is no Go template", { skip: !sharedModel("ggml-vocab-phi-3.gguf") && "../shared/models not present" }, async () => {
    // Vocab-only files cannot run, so only the rendering is checked, through the catalog.
    const { renderChat } = await import("../inference/prompt-builder.js");
    const { readGguf } = await import("../gguf/gguf-reader.js");
    const file = await readGguf(sharedModel("ggml-vocab-phi-3.gguf")!, { maxArrayLength: 8 });
    const text = renderChat({ jinjaTemplate: String(file.metadata["tokenizer.chat_template"]) }, { messages: [{ role: "user", content: "Hi" }] });
    assert.match(text, /<\|user\|>\s*Hi<\|end\|>\s*<\|assistant\|>/);
  });

  test("tool calls in the output become message.tool_calls, streamed and not", async () => {
    const body = {
      model: "tools",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [WEATHER_TOOL],
      format: FORCED_CALL,
      options: { num_predict: 60, temperature: 0 },
    };
    const show = (await (await engine.post("/api/show", { model: "tools" })).json()) as Chunk;
    assert.deepEqual(show.capabilities, ["completion", "tools"]);
    const whole = (await (await engine.post("/api/chat", { ...body, stream: false })).json()) as Chunk;
    assert.equal(whole.message.content, "");
    assert.equal(whole.message.tool_calls.length, 1);
    const [call] = whole.message.tool_calls;
    assert.match(call.id, /^call_[a-z0-9]{8}$/);
    assert.deepEqual(call.function, { index: 0, name: "get_weather", arguments: { city: "Paris" } });

    const lines = await engine.postLines("/api/chat", { ...body, stream: true });
    const withCalls = lines.filter((line) => line.message.tool_calls);
    assert.equal(withCalls.length, 1);
    assert.equal(withCalls[0].message.content, "");
    assert.equal(withCalls[0].done, false);
    assert.equal(lines[lines.length - 1].done, true);

    const rendered = (await (
      await engine.post("/api/chat", {
        model: "tools",
        messages: [
          { role: "user", content: "Weather?" },
          { role: "assistant", content: "", tool_calls: [{ function: { name: "get_weather", arguments: { city: "Oslo" } } }] },
          { role: "tool", content: "sunny", tool_name: "get_weather" },
        ],
        tools: [WEATHER_TOOL],
        _debug_render_only: true,
      })
    ).json()) as Chunk;
    assert.match(rendered._debug_info.rendered_template, /^<\|im_start\|>system\nTools: \[\{"type":"function","function":\{"name":"get_weather"/);
    assert.match(rendered._debug_info.rendered_template, /\{"name": "get_weather", "arguments": \{"city":"Oslo"\}\}/);
  });

  test("a template with thinking tags makes the model thinking-capable and opens the thinking", async () => {
    const show = (await (await engine.post("/api/show", { model: "thinker" })).json()) as Chunk;
    assert.deepEqual(show.capabilities, ["completion", "thinking"]);
    const rendered = (await (
      await engine.post("/api/chat", { model: "thinker", messages: [{ role: "user", content: "2+2?" }], _debug_render_only: true })
    ).json()) as Chunk;
    assert.ok(rendered._debug_info.rendered_template.endsWith("<|im_start|>assistant\n<think>"), "think defaults to true");
    const off = (await (
      await engine.post("/api/chat", { model: "thinker", messages: [{ role: "user", content: "2+2?" }], think: false, _debug_render_only: true })
    ).json()) as Chunk;
    assert.ok(off._debug_info.rendered_template.endsWith("<|im_start|>assistant\n"));
    // The prompt opened <think>, so everything the model writes (it never closes the tag) is thinking.
    const reply = (await (
      await engine.post("/api/chat", { model: "thinker", messages: [{ role: "user", content: "2+2?" }], stream: false, options: { num_predict: 6 } })
    ).json()) as Chunk;
    assert.ok(reply.message.thinking.length > 0);
    assert.equal(reply.message.content, "");
  });

  test("empty messages load the model; keep_alive 0 unloads it", async () => {
    const load = (await (await engine.post("/api/chat", { model: "tiny", messages: [] })).json()) as Chunk;
    assert.deepEqual({ ...load, created_at: undefined }, {
      model: "tiny",
      created_at: undefined,
      message: { role: "assistant", content: "" },
      done: true,
      done_reason: "load",
    });
    const unload = (await (await engine.post("/api/chat", { model: "tiny", keep_alive: 0 })).json()) as Chunk;
    assert.equal(unload.done_reason, "unload");
  });

  test("a real small model writes English through chat", { skip: !sharedModel("stories260K.gguf") && "../shared/models not present" }, async () => {
    await createModelFromFile(engine, "stories", sharedModel("stories260K.gguf")!);
    const reply = (await (
      await engine.post("/api/generate", { model: "stories", prompt: "Once upon a time", raw: true, stream: false, options: { num_predict: 30, temperature: 0 } })
    ).json()) as Chunk;
    assert.match(reply.response, /\b(the|a|was|she|he|and)\b/i);
  });

  test("bad requests get Ollama's status and error body", async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ messages: [] }, 400, "model is required"],
      [{ model: "a:b:c" }, 400, "invalid model name"],
      [{ model: "missing", messages: [] }, 404, "model 'missing' not found"],
      [{ model: "tiny", messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "f" } }] }, 400, "registry.ollama.ai/library/tiny:latest does not support tools"],
      [{ model: "tiny", messages: "nope" }, 400, "json: cannot unmarshal string into Go struct field ChatRequest.messages of type []interface {}"],
    ];
    for (const [body, status, error] of cases) {
      const reply = await engine.post("/api/chat", body);
      assert.equal(reply.status, status, JSON.stringify(body));
      assert.deepEqual(await reply.json(), { error });
    }
  });
});
