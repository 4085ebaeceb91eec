import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../../server/api-error.js";
import { createModelFromFile, startTestEngine, type TestEngine } from "../../testing/test-engine.js";
import { testModelPath } from "../../testing/test-model-file.js";
import type { NativeChatReply } from "../native-types.js";
import { decodeMessages, nativeChatFromMessages } from "./messages-request.js";
import { toMessagesResponse } from "./messages-response.js";
import { messagesEvents } from "./messages-stream.js";

const IMAGE = Buffer.from("pixels").toString("base64");
const base = { model: "m", max_tokens: 16 };

function convert(body: Record<string, unknown>) {
  return nativeChatFromMessages(decodeMessages({ ...base, ...body }));
}

function refusal(body: Record<string, unknown>, message: string) {
  assert.throws(() => convert(body), (error: unknown) => error instanceof ApiError && error.status === 400 && error.message === message);
}

describe("Anthropic Messages request → native /api/chat", () => {
  test("system, text, images, tool uses and tool results", () => {
    const native = convert({
      system: [{ type: "text", text: "Be " }, { type: "text", text: "kind." }],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 20,
      stop_sequences: ["END"],
      stream: true,
      messages: [
        { role: "user", content: [{ type: "text", text: "Look: " }, { type: "image", source: { type: "base64", media_type: "image/png", data: IMAGE } }] },
        { role: "assistant", content: [{ type: "thinking", thinking: "hmm", signature: "x" }, { type: "tool_use", id: "toolu_1", name: "lookup", input: { q: "cat" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "a cat" }] }, { type: "text", text: "thanks" }] },
      ],
      tools: [{ name: "lookup", description: "Looks up", input_schema: { type: "object", properties: { q: { type: "string" } } } }, { type: "web_search_20250305", name: "web_search" }],
    });
    assert.deepEqual(native, {
      model: "m",
      messages: [
        { role: "system", content: "Be kind." },
        { role: "user", content: "Look: ", images: [IMAGE] },
        { role: "assistant", content: "", thinking: "hmm", tool_calls: [{ id: "toolu_1", function: { name: "lookup", arguments: { q: "cat" } } }] },
        { role: "tool", content: "a cat", tool_call_id: "toolu_1" },
        { role: "user", content: "thanks" },
      ],
      stream: true,
      options: { num_predict: 16, temperature: 0.5, top_p: 0.9, top_k: 20, stop: ["END"] },
      tools: [{ type: "function", function: { name: "lookup", description: "Looks up", parameters: { type: "object", properties: { q: { type: "string" } } } } }],
    });
  });

  test("thinking and effort map to think", () => {
    const think = (body: Record<string, unknown>) => convert({ messages: [{ role: "user", content: "x" }], ...body }).think;
    assert.equal(think({ thinking: { type: "enabled", budget_tokens: 1024 } }), true);
    assert.equal(think({ thinking: { type: "disabled" } }), false);
    assert.equal(think({ output_config: { effort: " XHigh " } }), "high");
    assert.equal(think({ output_config: { effort: "low" } }), "low");
    assert.equal(think({}), undefined);
  });

  test("required fields and bad blocks get 400s", () => {
    refusal({ model: "" }, "model is required");
    refusal({ max_tokens: 0, messages: [{ role: "user", content: "x" }] }, "max_tokens is required and must be positive");
    refusal({ messages: [] }, "messages is required");
    refusal({ messages: [{ role: "assistant", content: [{ type: "tool_use", name: "f" }] }] }, "tool_use block missing required 'id' field");
    refusal({ messages: [{ role: "user", content: [{ type: "image", source: { type: "url", url: "https://x/y.png" } }] }] }, "invalid image source type: url. Only base64 images are supported.");
  });
});

const reply = (message: Partial<NativeChatReply["message"]>, extra: Partial<NativeChatReply> = {}): NativeChatReply => ({
  model: "m",
  message: { role: "assistant", content: "", ...message },
  done: false,
  ...extra,
});

async function collect(lines: unknown[]) {
  async function* source() {
    yield* lines;
  }
  const out: Array<{ event?: string; data: any }> = [];
  for await (const event of messagesEvents(source(), "msg_1", "m", 9)) out.push(event);
  return out;
}

describe("native chat reply → Anthropic", () => {
  test("a whole reply: thinking, text and tool_use blocks; tool use wins the stop reason", () => {
    const message = toMessagesResponse(
      "msg_1",
      reply({ thinking: "t", content: "c", tool_calls: [{ id: "call_1", function: { name: "f", arguments: { a: 1 } } }] }, { done: true, done_reason: "stop", prompt_eval_count: 3, eval_count: 4 }),
    );
    assert.deepEqual(message, {
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "m",
      content: [
        { type: "thinking", thinking: "t" },
        { type: "text", text: "c" },
        { type: "tool_use", id: "call_1", name: "f", input: { a: 1 } },
      ],
      stop_reason: "tool_use",
      usage: { input_tokens: 3, output_tokens: 4 },
    });
    assert.equal(toMessagesResponse("x", reply({ content: "a" }, { done: true, done_reason: "length" })).stop_reason, "max_tokens");
  });

  test("stream: blocks open, fill and close in order, then message_delta and message_stop", async () => {
    const out = await collect([
      reply({ thinking: "plan" }),
      reply({ content: "Hi" }),
      reply({ content: "!" }),
      reply({ tool_calls: [{ id: "call_9", function: { name: "f", arguments: { x: true } } }] }),
      reply({}, { done: true, done_reason: "stop", prompt_eval_count: 5, eval_count: 6 }),
    ]);
    assert.deepEqual(
      out.map((event) => [event.event, event.data.index, event.data.delta?.type ?? event.data.content_block?.type]),
      [
        ["message_start", undefined, undefined],
        ["content_block_start", 0, "thinking"],
        ["content_block_delta", 0, "thinking_delta"],
        ["content_block_stop", 0, undefined],
        ["content_block_start", 1, "text"],
        ["content_block_delta", 1, "text_delta"],
        ["content_block_delta", 1, "text_delta"],
        ["content_block_stop", 1, undefined],
        ["content_block_start", 2, "tool_use"],
        ["content_block_delta", 2, "input_json_delta"],
        ["content_block_stop", 2, undefined],
        ["message_delta", undefined, undefined],
        ["message_stop", undefined, undefined],
      ],
    );
    assert.ok(out.every((event) => event.data.type === event.event));
    assert.deepEqual(out[0].data.message, { id: "msg_1", type: "message", role: "assistant", model: "m", content: [], usage: { input_tokens: 9, output_tokens: 0 } });
    assert.deepEqual(out[8].data.content_block, { type: "tool_use", id: "call_9", name: "f", input: {} });
    assert.equal(out[9].data.delta.partial_json, '{"x":true}');
    assert.deepEqual(out[11].data, { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { input_tokens: 5, output_tokens: 6 } });
  });

  test("stream: a native error line becomes an error event", async () => {
    const out = await collect([reply({ content: "a" }), { error: "boom" }]);
    const last = out[out.length - 1];
    assert.equal(last.event, "error");
    assert.deepEqual(last.data, { type: "error", error: { type: "api_error", message: "boom" } });
  });
});

function parseSse(text: string): Array<{ event: string; data: any }> {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      return { event: eventLine.replace(/^event: /, ""), data: JSON.parse(dataLine.replace(/^data: /, "")) };
    });
}

describe("POST /v1/messages on the real engine", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine();
    await createModelFromFile(engine, "tiny", await testModelPath());
  });
  after(() => engine.close());

  const ask = (body: Record<string, unknown>) => engine.post("/v1/messages", { model: "tiny", max_tokens: 4, messages: [{ role: "user", content: "hi" }], ...body });

  test("a whole message with usage and max_tokens as the stop reason", async () => {
    const reply = await ask({ system: "Be brief.", temperature: 0 });
    assert.equal(reply.status, 200);
    const message = (await reply.json()) as Record<string, any>;
    assert.match(message.id, /^msg_[0-9a-f]{24}$/);
    assert.equal(message.type, "message");
    assert.equal(message.role, "assistant");
    assert.equal(message.model, "tiny");
    assert.equal(message.content.length, 1);
    assert.equal(message.content[0].type, "text");
    assert.ok(message.content[0].text.length > 0);
    assert.equal(message.stop_reason, "max_tokens");
    assert.equal(message.usage.output_tokens, 4);
    assert.ok(message.usage.input_tokens > 0);
  });

  test("a streamed message is the same text as events", async () => {
    const whole = (await (await ask({ temperature: 0 })).json()) as Record<string, any>;
    const reply = await ask({ temperature: 0, stream: true });
    assert.equal(reply.headers.get("content-type"), "text/event-stream");
    const events = parseSse(await reply.text());
    assert.equal(events[0].event, "message_start");
    assert.equal(events[events.length - 1].event, "message_stop");
    const text = events.filter((event) => event.data.delta?.type === "text_delta").map((event) => event.data.delta.text).join("");
    assert.equal(text, whole.content[0].text);
    const delta = events[events.length - 2];
    assert.equal(delta.event, "message_delta");
    assert.equal(delta.data.delta.stop_reason, "max_tokens");
    assert.equal(delta.data.usage.output_tokens, 4);
  });

  test("thinking requested of a model without it is dropped, not refused", async () => {
    const reply = await ask({ thinking: { type: "enabled", budget_tokens: 1024 } });
    assert.equal(reply.status, 200);
  });

  test("errors come in Anthropic's envelope with the native status", async () => {
    const cases: Array<[unknown, number, string, string]> = [
      [{ model: "nope", max_tokens: 4, messages: [{ role: "user", content: "x" }] }, 404, "not_found_error", "model 'nope' not found"],
      [{ model: "tiny", messages: [{ role: "user", content: "x" }] }, 400, "invalid_request_error", "max_tokens is required and must be positive"],
      [{ model: "tiny", max_tokens: 4, messages: [{ role: "user", content: "x" }], tools: [{ name: "f" }] }, 400, "invalid_request_error", "registry.ollama.ai/library/tiny:latest does not support tools"],
      ["", 400, "invalid_request_error", "EOF"],
    ];
    for (const [body, status, type, message] of cases) {
      const reply = await engine.post("/v1/messages", body);
      assert.equal(reply.status, status, JSON.stringify(body));
      assert.equal(reply.headers.get("content-type"), "application/json");
      const error = (await reply.json()) as Record<string, any>;
      assert.equal(error.type, "error");
      assert.deepEqual(error.error, { type, message });
      assert.match(error.request_id, /^req_[0-9a-f]{24}$/);
    }
  });
});
