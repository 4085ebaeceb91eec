import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { testModelWordSuccessors } from "../gguf/test-model.js";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

type Chunk = Record<string, any>;

const CHATML = `{{- range .Messages }}<|im_start|>{{ .Role }}
{{ .Content }}<|im_end|>
{{ end }}<|im_start|>assistant
`;

// The KV cache of a finished request stays with its sequence, so the next turn of a chat evaluates only
// the tokens after the shared prefix, as Ollama does, and prompt_eval_count says so.
describe("prompt prefix cache", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine();
    await createModelFromFile(engine, "chat", await testModelPath(), { template: CHATML });
    await createModelFromFile(engine, "q8", await testModelPath({ fileType: "Q8_0" }));
  });
  after(() => engine.close());

  const tokenCount = async (text: string) => {
    const runner = engine.engine.scheduler.loaded().find((r) => r.model.displayName.startsWith("chat"));
    assert.ok(runner, "the chat model is loaded");
    return (await engine.engine.runtime.tokenize(runner.handle, text)).length + 1; // + BOS
  };

  test("a second chat turn's prompt_eval_count counts only the new tokens", async () => {
    const options = { num_predict: 6, temperature: 0 };
    const turn1Messages = [{ role: "user", content: "hello world" }];
    const turn1 = (await (await engine.post("/api/chat", { model: "chat", messages: turn1Messages, stream: false, options })).json()) as Chunk;
    const rendered1 = (await (await engine.post("/api/chat", { model: "chat", messages: turn1Messages, _debug_render_only: true })).json()) as Chunk;
    assert.equal(turn1.prompt_eval_count, await tokenCount(rendered1._debug_info.rendered_template));

    const turn2Messages = [...turn1Messages, { role: "assistant", content: turn1.message.content }, { role: "user", content: "tell me more" }];
    const turn2 = (await (await engine.post("/api/chat", { model: "chat", messages: turn2Messages, stream: false, options })).json()) as Chunk;
    const rendered2 = (await (await engine.post("/api/chat", { model: "chat", messages: turn2Messages, _debug_render_only: true })).json()) as Chunk;
    const full = await tokenCount(rendered2._debug_info.rendered_template);
    // At least the whole first prompt was already in the cache; only what follows it was evaluated.
    assert.ok(turn2.prompt_eval_count > 0, "something new was evaluated");
    assert.ok(turn2.prompt_eval_count <= full - turn1.prompt_eval_count, `${turn2.prompt_eval_count} of ${full} prompt tokens evaluated`);

    // The same request again needs only its last token evaluated (llama.cpp needs one token to sample from).
    const again = (await (await engine.post("/api/chat", { model: "chat", messages: turn2Messages, stream: false, options })).json()) as Chunk;
    assert.equal(again.prompt_eval_count, 1);
    assert.equal(again.message.content, turn2.message.content, "greedy output is the same with a cached prefix");
  });

  test("a Q8_0 test model written by the project's writer runs in llama.cpp and walks the word chain", async () => {
    const successors = testModelWordSuccessors();
    const body = (await (
      await engine.post("/api/generate", { model: "q8", prompt: "hello", raw: true, stream: false, options: { num_predict: 4, temperature: 0 } })
    ).json()) as Chunk;
    const expected: string[] = [];
    let word = "\u2581hello";
    for (let i = 0; i < 4; i++) expected.push((word = successors.get(word)!).replace("\u2581", " "));
    assert.equal(body.response, expected.join(""));
  });
});
