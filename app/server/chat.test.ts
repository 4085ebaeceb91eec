import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createModelFromFile, sharedModel, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

type Chunk = Record<string, any>;

const CHATML = `{{- range .Messages }}<|im_start|>{{ .Role }}
{{ .Content }}<|im_end|>
{{ end }}<|im_start|>assistant
`;

describe("POST /api/chat", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine();
    const gguf = await testModelPath();
    await createModelFromFile(engine, "tiny", gguf);
    await createModelFromFile(engine, "chatml", gguf, { template: CHATML, system: "Be brief." });
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
