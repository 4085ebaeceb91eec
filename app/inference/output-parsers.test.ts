import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplate, toolCallTag } from "../template/go-template/index.js";
import { LLAMA_3_2, QWEN_2_5 } from "../template/fixtures/model-templates.js";
import { ThinkingParser } from "./thinking-parser.js";
import { ToolCallParser } from "./tool-call-parser.js";

const weather = { type: "function", function: { name: "get_weather", parameters: {} } };
const time = { type: "function", function: { name: "get_time", parameters: {} } };

function feed(parser: ToolCallParser, pieces: string[]) {
  let content = "";
  const calls: Array<{ name: string; arguments: Record<string, unknown>; index?: number }> = [];
  for (const piece of pieces) {
    const out = parser.add(piece);
    content += out.content;
    calls.push(...out.calls.map((call) => call.function));
  }
  content += parser.finish();
  return { content, calls };
}

test("the tool-call tag comes from the template", () => {
  assert.equal(toolCallTag(parseTemplate(QWEN_2_5)), "<tool_call>");
  assert.equal(toolCallTag(parseTemplate("{{ range .Messages }}{{ if .ToolCalls }}{{ range .ToolCalls }}{{ json . }}{{ end }}{{ end }}{{ end }}")), "{");
  assert.equal(toolCallTag(parseTemplate("{{ .Prompt }}")), "{");
  assert.equal(toolCallTag(parseTemplate(LLAMA_3_2)), "{");
  assert.equal(toolCallTag(parseTemplate("{{ if .ToolCalls }}[TOOL_CALLS] {{ range .ToolCalls }}{{ end }}{{ end }}")), "[TOOL_CALLS]");
});

test("tagged tool calls split across pieces are found; text before the tag is content", () => {
  const parser = new ToolCallParser("<tool_call>", [weather, time]);
  const result = feed(parser, ["Let me check. <tool", '_call>\n{"name": "get_wea', 'ther", "arguments": {"city": "Paris"}}\n</tool_call>', '<tool_call>{"name":"get_time","arguments":{}}</tool_call>']);
  assert.equal(result.content, "Let me check. ");
  assert.deepEqual(result.calls, [
    { index: 0, name: "get_weather", arguments: { city: "Paris" } },
    { index: 1, name: "get_time", arguments: {} },
  ]);
});

test("with the { tag, only output that starts with JSON is a tool call", () => {
  const call = feed(new ToolCallParser("{", [weather]), ['{"name": "get_weather", "parameters": {"city": "Oslo"}}']);
  assert.deepEqual(call.calls, [{ index: 0, name: "get_weather", arguments: { city: "Oslo" } }]);
  assert.equal(call.content, "");
  const prose = feed(new ToolCallParser("{", [weather]), ["The answer is ", '{"name": "get_weather"}']);
  assert.deepEqual(prose.calls, []);
  assert.equal(prose.content, 'The answer is {"name": "get_weather"}');
});

test("ids look like Ollama's", () => {
  const parser = new ToolCallParser("{", [weather]);
  const { calls } = parser.add('{"name":"get_weather","arguments":{}}');
  assert.match(calls[0].id, /^call_[a-z0-9]{8}$/);
});

test("thinking is split off by the template's tags", () => {
  const parser = new ThinkingParser("<think>", "</think>");
  let thinking = "";
  let content = "";
  for (const piece of ["  <thi", "nk>\n I am", " thinking</th", "ink>\n\nThe answer", " is 4."]) {
    const out = parser.add(piece);
    thinking += out.thinking;
    content += out.content;
  }
  assert.equal(thinking, "I am thinking");
  assert.equal(content, "The answer is 4.");
});

test("output that does not open with the tag is all content", () => {
  const parser = new ThinkingParser("<think>", "</think>");
  assert.deepEqual(parser.add("Hello <think>x</think>"), { thinking: "", content: "Hello <think>x</think>" });
});

test("a prompt that opens the thinking makes the output start inside it", () => {
  const parser = new ThinkingParser("<think>", "</think>");
  parser.startInsideThinking();
  assert.deepEqual(parser.add("\nhmm</think>ok"), { thinking: "hmm", content: "ok" });
});
