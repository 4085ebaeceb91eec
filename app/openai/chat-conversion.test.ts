import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../server/api-error.js";
import { decodeChatCompletion, nativeChatRequest } from "./chat-request.js";
import { toChatCompletion } from "./chat-response.js";
import { chatCompletionEvents } from "./chat-stream.js";
import type { NativeChatReply } from "./native-types.js";
import { DONE } from "./sse.js";

const PNG_DATA = Buffer.from("not really a png").toString("base64");
const user = (content: unknown) => ({ role: "user", content });

function convert(body: Record<string, unknown>) {
  return nativeChatRequest(decodeChatCompletion({ model: "m", ...body }));
}

function refusal(body: Record<string, unknown>, message: string) {
  assert.throws(() => convert(body), (error: unknown) => error instanceof ApiError && error.status === 400 && error.message === message);
}

describe("OpenAI chat request → native /api/chat", () => {
  test("defaults: no stream, temperature and top_p 1.0, nothing else", () => {
    assert.deepEqual(convert({ messages: [user("hi")] }), {
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      stream: false,
      options: { temperature: 1, top_p: 1 },
    });
  });

  test("sampling fields map onto options; max_completion_tokens wins over max_tokens", () => {
    const native = convert({
      messages: [user("hi")],
      stream: true,
      stop: ["a", 3, "b"],
      max_tokens: 9,
      max_completion_tokens: 5,
      seed: 42,
      temperature: 0.2,
      top_p: 0.5,
      frequency_penalty: 0.1,
      presence_penalty: -0.3,
    });
    assert.equal(native.stream, true);
    assert.deepEqual(native.options, { stop: ["a", "b"], num_predict: 5, temperature: 0.2, seed: 42, frequency_penalty: 0.1, presence_penalty: -0.3, top_p: 0.5 });
    assert.deepEqual(convert({ messages: [user("hi")], stop: "x", max_tokens: 7 }).options, { stop: ["x"], num_predict: 7, temperature: 1, top_p: 1 });
  });

  test("response_format becomes format; the type is matched loosely", () => {
    const schema = { type: "object", properties: { a: { type: "integer" } } };
    assert.equal(convert({ messages: [user("x")], response_format: { type: " JSON_Object " } }).format, "json");
    assert.deepEqual(convert({ messages: [user("x")], response_format: { type: "json_schema", json_schema: { name: "n", schema } } }).format, schema);
    assert.equal(convert({ messages: [user("x")], response_format: { type: "text" } }).format, undefined);
  });

  test("reasoning effort maps to think, reasoning.effort first", () => {
    const think = (body: Record<string, unknown>) => convert({ messages: [user("x")], ...body }).think;
    assert.equal(think({ reasoning_effort: "none" }), false);
    assert.equal(think({ reasoning_effort: "minimal" }), "low");
    assert.equal(think({ reasoning_effort: "high" }), "high");
    assert.equal(think({ reasoning_effort: "xhigh" }), "max");
    assert.equal(think({ reasoning_effort: "ultra" }), "max");
    assert.equal(think({ reasoning_effort: "" }), undefined);
    assert.equal(think({ reasoning: { effort: "low" }, reasoning_effort: "high" }), "low");
    refusal({ messages: [user("x")], reasoning_effort: "huge" }, 'invalid reasoning value: "huge" (must be "minimal", "low", "medium", "high", "xhigh", "ultra", "max", or "none")');
  });

  test("tools, logprobs and top_logprobs pass through", () => {
    const tools = [{ type: "function", function: { name: "f", parameters: { type: "object", properties: {} } } }];
    const native = convert({ messages: [user("x")], tools, logprobs: true, top_logprobs: 3 });
    assert.deepEqual(native.tools, tools);
    assert.equal(native.logprobs, true);
    assert.equal(native.top_logprobs, 3);
  });

  test("content parts become one native message each; image data URLs become base64 images", () => {
    const native = convert({
      messages: [
        user([
          { type: "text", text: "what is this?" },
          { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_DATA}` } },
          { type: "image_url", image_url: `data:;base64,${PNG_DATA}` },
        ]),
      ],
    });
    assert.deepEqual(native.messages, [
      { role: "user", content: "what is this?" },
      { role: "user", content: "", images: [PNG_DATA] },
      { role: "user", content: "", images: [PNG_DATA] },
    ]);
  });

  test("assistant tool calls get object arguments; tool results find their tool's name", () => {
    const native = convert({
      messages: [
        user("weather?"),
        { role: "assistant", content: null, reasoning: "need a tool", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "cold" },
        { role: "tool", name: "explicit", content: "named" },
      ],
    });
    assert.deepEqual(native.messages.slice(1), [
      { role: "assistant", content: "", thinking: "need a tool", tool_calls: [{ id: "call_1", function: { name: "get_weather", arguments: { city: "Oslo" } } }] },
      { role: "tool", content: "cold", tool_name: "get_weather", tool_call_id: "call_1" },
      { role: "tool", content: "named", tool_name: "explicit" },
    ]);
  });

  test("bad messages get Ollama's 400 texts", () => {
    refusal({ messages: [] }, "[] is too short - 'messages'");
    refusal({}, "[] is too short - 'messages'");
    refusal({ messages: [user(null)] }, "invalid message content type: <nil>");
    refusal({ messages: [user(3)] }, "invalid message content type: float64");
    refusal({ messages: [user({ a: 1 })] }, "invalid message content type: map[string]interface {}");
    refusal({ messages: [user([{ type: "video" }])] }, "invalid message format");
    refusal({ messages: [user(["text"])] }, "invalid message format");
    refusal({ messages: [user([{ type: "image_url", image_url: { url: "https://example.com/a.png" } }])] }, "image URLs are not currently supported, please use base64 encoded data instead");
    refusal({ messages: [user([{ type: "image_url", image_url: { url: "data:image/gif;base64,AAAA" } }])] }, "invalid image input");
    refusal({ messages: [user([{ type: "image_url", image_url: { url: "data:image/png;base64,!!!" } }])] }, "invalid image input");
    refusal({ messages: [{ role: "assistant", content: "", tool_calls: [{ function: { name: "f", arguments: "{oops" } }] }] }, "invalid tool call arguments");
    assert.throws(() => convert({ messages: "nope" }), (error: unknown) => error instanceof ApiError && error.status === 400);
  });
});

const reply = (message: Partial<NativeChatReply["message"]>, extra: Partial<NativeChatReply> = {}): NativeChatReply => ({
  model: "m",
  created_at: "2025-01-02T03:04:05.123Z",
  message: { role: "assistant", content: "", ...message },
  done: false,
  ...extra,
});

async function events(lines: unknown[], includeUsage = false) {
  async function* source() {
    yield* lines;
  }
  const out: unknown[] = [];
  for await (const event of chatCompletionEvents(source(), "chatcmpl-1", includeUsage)) out.push(event === DONE ? "[DONE]" : event.data);
  return out as Array<Record<string, any> | "[DONE]">;
}

describe("native chat reply → OpenAI", () => {
  test("a non-streamed reply with tool calls finishes with tool_calls and string arguments", () => {
    const completion = toChatCompletion(
      "chatcmpl-7",
      reply(
        { content: "", thinking: "hmm", tool_calls: [{ id: "call_a", function: { index: 0, name: "f", arguments: { x: 1 } } }] },
        { done: true, done_reason: "stop", prompt_eval_count: 5, eval_count: 2 },
      ),
    );
    assert.deepEqual(completion, {
      id: "chatcmpl-7",
      object: "chat.completion",
      created: 1735787045,
      model: "m",
      system_fingerprint: "fp_ollama",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "", reasoning: "hmm", tool_calls: [{ id: "call_a", index: 0, type: "function", function: { name: "f", arguments: '{"x":1}' } }] },
          finish_reason: "tool_calls",
        },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    });
  });

  test("stream: role first, thinking split from content, no empty trailer, finish, usage, [DONE]", async () => {
    const out = await events(
      [
        reply({ content: "" }),
        reply({ thinking: "plan", content: "Hi" }),
        reply({ content: " there" }, { created_at: "2030-01-01T00:00:00Z" }),
        reply({}, { done: true, done_reason: "length", prompt_eval_count: 3, eval_count: 4 }),
      ],
      true,
    );
    const deltas = out.slice(0, -3).map((event) => (event as Record<string, any>).choices[0].delta);
    assert.deepEqual(deltas, [{ role: "assistant", content: "" }, { reasoning: "plan" }, { content: "Hi" }, { content: " there" }]);
    for (const event of out.slice(0, -1)) {
      const chunk = event as Record<string, any>;
      assert.equal(chunk.created, 1735787045, "every chunk has the first chunk's created");
      assert.equal(chunk.object, "chat.completion.chunk");
      assert.equal(chunk.id, "chatcmpl-1");
    }
    const [finish, usage, done] = out.slice(-3) as [Record<string, any>, Record<string, any>, string];
    assert.deepEqual(finish.choices, [{ index: 0, delta: {}, finish_reason: "length" }]);
    assert.equal(finish.usage, undefined);
    assert.deepEqual(usage.choices, []);
    assert.deepEqual(usage.usage, { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    assert.equal(done, "[DONE]");
  });

  test("stream: tool-call deltas make the finish reason tool_calls; indexes run on", async () => {
    const call = (name: string) => ({ function: { name, arguments: { q: name } } });
    const out = await events([reply({ content: "", tool_calls: [call("a")] }), reply({ tool_calls: [call("b")] }), reply({}, { done: true, done_reason: "stop" })]);
    const first = (out[0] as Record<string, any>).choices[0].delta;
    assert.equal(first.role, "assistant");
    assert.equal(first.content, "");
    assert.match(first.tool_calls[0].id, /^call_[a-z0-9]{8}$/);
    assert.deepEqual({ ...first.tool_calls[0], id: undefined }, { id: undefined, index: 0, type: "function", function: { name: "a", arguments: '{"q":"a"}' } });
    assert.equal((out[1] as Record<string, any>).choices[0].delta.tool_calls[0].index, 1);
    assert.equal((out[2] as Record<string, any>).choices[0].finish_reason, "tool_calls");
    assert.equal(out.length, 4);
  });

  test("stream: a lone final object still opens with the role; an empty reason finishes as stop", async () => {
    const out = await events([reply({}, { done: true })]);
    assert.deepEqual((out[0] as Record<string, any>).choices[0].delta, { role: "assistant", content: "" });
    assert.equal((out[1] as Record<string, any>).choices[0].finish_reason, "stop");
    assert.equal(out[2], "[DONE]");
  });

  test("stream: a native error line becomes an OpenAI error event and ends the stream", async () => {
    const out = await events([reply({ content: "a" }), { error: "runner crashed" }, reply({ content: "never" })]);
    assert.equal(out.length, 2);
    assert.deepEqual(out[1], { error: { message: "runner crashed", type: "api_error", param: null, code: null } });
  });
});
