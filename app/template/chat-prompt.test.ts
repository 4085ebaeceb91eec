import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  DEFAULT_TEMPLATE, collateMessages, renderChatPrompt, renderCompletionPrompt, tagImages, templateCapabilities,
  templateThinkingTags, type ChatMessage,
} from "./chat-prompt.js";
import {
  CHATML, CODELLAMA_INSERT, LEGACY_INST, LLAMA_3_2, QWEN_2_5, QWEN_3, WEATHER_CONVERSATION, WEATHER_TOOLS,
} from "./fixtures/model-templates.js";
import { parseTemplate } from "./go-template/index.js";

// Expected prompts were produced by Go's text/template running Ollama's
// Template.Execute logic on the same templates and messages.

const lines = (...parts: string[]) => parts.join("\n");

const CONVERSATION: ChatMessage[] = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Hi!" },
  { role: "assistant", content: "Hello." },
  { role: "user", content: "Name a color." },
];

function chat(template: string, messages: ChatMessage[], tools = undefined as typeof WEATHER_TOOLS | undefined): string {
  return renderChatPrompt(parseTemplate(template), { messages, tools });
}

describe("renderChatPrompt with .Messages templates", () => {
  it("llama3.2: tools, a tool call and a tool result", () => {
    assert.equal(
      chat(LLAMA_3_2, WEATHER_CONVERSATION, WEATHER_TOOLS),
      lines(
        "<|start_header_id|>system<|end_header_id|>",
        "",
        "Cutting Knowledge Date: December 2023",
        "",
        "You are a knowledgeable assistant. You can answer questions and perform tasks.When you receive a tool call response, use the output to format an answer to the orginal user question.",
        "",
        "You are a helpful assistant with tool calling capabilities.<|eot_id|><|start_header_id|>user<|end_header_id|>",
        "",
        "What's the weather like today in Paris?<|eot_id|><|start_header_id|>assistant<|end_header_id|>",
        "",
        "{\"name\": \"get_current_weather\", \"parameters\": {\"format\":\"celsius\",\"location\":\"Paris, France\"}}<|eot_id|><|start_header_id|>ipython<|end_header_id|>",
        "",
        "22<|eot_id|><|start_header_id|>assistant<|end_header_id|>",
        "",
        "The current temperature in Paris, France is 22 degrees Celsius.<|eot_id|><|start_header_id|>user<|end_header_id|>",
        "",
        "Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.",
        "",
        "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}. Do not use variables.",
        "",
        "{\"type\":\"function\",\"function\":{\"name\":\"get_current_weather\",\"description\":\"Get the current weather\",\"parameters\":{\"type\":\"object\",\"required\":[\"location\",\"format\"],\"properties\":{\"format\":{\"type\":\"string\",\"description\":\"The temperature unit to use. Infer this from the user's location.\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"location\":{\"type\":\"string\",\"description\":\"The city and state, e.g. San Francisco, CA\"}}}}}",
        "",
        "What's the weather like today in San Francisco and Toronto?<|eot_id|><|start_header_id|>assistant<|end_header_id|>",
        "",
        "",
      ),
    );
  });

  it("llama3.2: plain conversation", () => {
    assert.equal(
      chat(LLAMA_3_2, CONVERSATION),
      lines(
        "<|start_header_id|>system<|end_header_id|>",
        "",
        "Cutting Knowledge Date: December 2023",
        "",
        "You are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>",
        "",
        "Hi!<|eot_id|><|start_header_id|>assistant<|end_header_id|>",
        "",
        "Hello.<|eot_id|><|start_header_id|>user<|end_header_id|>",
        "",
        "Name a color.<|eot_id|><|start_header_id|>assistant<|end_header_id|>",
        "",
        "",
      ),
    );
  });

  it("qwen2.5: <tool_call> tools, tool calls and tool responses", () => {
    assert.equal(
      chat(QWEN_2_5, WEATHER_CONVERSATION, WEATHER_TOOLS),
      lines(
        "<|im_start|>system",
        "You are a knowledgeable assistant. You can answer questions and perform tasks.",
        "",
        "# Tools",
        "",
        "You may call one or more functions to assist with the user query.",
        "",
        "You are provided with function signatures within <tools></tools> XML tags:",
        "<tools>",
        "{\"type\": \"function\", \"function\": {\"name\":\"get_current_weather\",\"description\":\"Get the current weather\",\"parameters\":{\"type\":\"object\",\"required\":[\"location\",\"format\"],\"properties\":{\"format\":{\"type\":\"string\",\"description\":\"The temperature unit to use. Infer this from the user's location.\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"location\":{\"type\":\"string\",\"description\":\"The city and state, e.g. San Francisco, CA\"}}}}}",
        "</tools>",
        "",
        "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:",
        "<tool_call>",
        "{\"name\": <function-name>, \"arguments\": <args-json-object>}",
        "</tool_call><|im_end|>",
        "<|im_start|>user",
        "What's the weather like today in Paris?<|im_end|>",
        "<|im_start|>assistant",
        "<tool_call>",
        "{\"name\": \"get_current_weather\", \"arguments\": {\"format\":\"celsius\",\"location\":\"Paris, France\"}}",
        "</tool_call><|im_end|>",
        "<|im_start|>user",
        "<tool_response>",
        "22",
        "</tool_response><|im_end|>",
        "<|im_start|>assistant",
        "The current temperature in Paris, France is 22 degrees Celsius.<|im_end|>",
        "<|im_start|>user",
        "What's the weather like today in San Francisco and Toronto?<|im_end|>",
        "<|im_start|>assistant",
        "",
      ),
    );
  });

  it("ChatML: consecutive user messages are merged", () => {
    assert.equal(
      chat(CHATML, [...CONVERSATION, { role: "user", content: "Another." }]),
      lines(
        "<|im_start|>system",
        "You are terse.<|im_end|>",
        "<|im_start|>user",
        "Hi!<|im_end|>",
        "<|im_start|>assistant",
        "Hello.<|im_end|>",
        "<|im_start|>user",
        "Name a color.",
        "",
        "Another.<|im_end|>",
        "<|im_start|>assistant",
        "",
      ),
    );
  });

  it("command-r: ranges over parameter properties and prints their types", () => {
    const builtins = JSON.parse(readFileSync(new URL("./fixtures/ollama-builtin-templates.json", import.meta.url), "utf8")) as BuiltinTemplate[];
    const commandR = builtins.find((b) => b.name === "command-r")!.template;
    assert.equal(
      chat(commandR, WEATHER_CONVERSATION, WEATHER_TOOLS),
      lines(
        "<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|># Safety Preamble",
        "The instructions in this section override those in the task description and style guide sections. Don't answer questions that are harmful or immoral.",
        "",
        "# System Preamble",
        "## Basic Rules",
        "You are a powerful conversational AI trained by Cohere to help people. You are augmented by a number of tools, and your job is to use and consume the output of these tools to best help the user. You will see a conversation history between yourself and a user, ending with an utterance from the user. You will then see a specific instruction instructing you what kind of response to generate. When you answer the user's requests, you cite your sources in your answers, according to those instructions.",
        "",
        "# User Preamble",
        "You are a knowledgeable assistant. You can answer questions and perform tasks.",
        "",
        "## Available Tools",
        "Here is a list of tools that you have available to you:",
        "",
        "```python",
        "def get_current_weather(format: string, location: string, ) -> List[Dict]:",
        "    '''Get the current weather",
        "",
        "    Args:",
        "        format (string): The temperature unit to use. Infer this from the user's location.",
        "        location (string): The city and state, e.g. San Francisco, CA",
        "    '''",
        "    pass",
        "```<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|USER_TOKEN|>What's the weather like today in Paris?<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|>Write 'Action:' followed by a json-formatted list of actions that you want to perform in order to produce a good response to the user's last input. You can use any of the supplied tools any number of times, but you should aim to execute the minimum number of necessary actions for the input. You should use the `directly-answer` tool if calling the other tools is unnecessary. The list of actions you want to call should be formatted as a list of json objects, for example:",
        "```json",
        "[",
        "    {",
        "        \"tool_name\": title of the tool in the specification,",
        "        \"parameters\": a dict of parameters to input into the tool as they are defined in the specs, or {} if it takes no parameters",
        "    }",
        "]```<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>",
        "Action: ```json",
        "[",
        "    {",
        "        \"tool_name\": \"get_current_weather\",",
        "        \"parameters\": {\"format\":\"celsius\",\"location\":\"Paris, France\"}",
        "    }",
        "]```<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|><results>",
        "console_output: 22",
        "</results><|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>The current temperature in Paris, France is 22 degrees Celsius.<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|USER_TOKEN|>What's the weather like today in San Francisco and Toronto?<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|>Write 'Action:' followed by a json-formatted list of actions that you want to perform in order to produce a good response to the user's last input. You can use any of the supplied tools any number of times, but you should aim to execute the minimum number of necessary actions for the input. You should use the `directly-answer` tool if calling the other tools is unnecessary. The list of actions you want to call should be formatted as a list of json objects, for example:",
        "```json",
        "[",
        "    {",
        "        \"tool_name\": title of the tool in the specification,",
        "        \"parameters\": a dict of parameters to input into the tool as they are defined in the specs, or {} if it takes no parameters",
        "    }",
        "]```<|END_OF_TURN_TOKEN|><|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>",
        "",
      ),
    );
  });

  it("qwen3: thinking of the last assistant message", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "2+2?" },
      { role: "assistant", content: "", thinking: "Add them." },
    ];
    assert.equal(
      renderChatPrompt(parseTemplate(QWEN_3), { messages, think: true, isThinkSet: true }),
      lines(
        "<|im_start|>user",
        "2+2?<|im_end|>",
        "<|im_start|>assistant",
        "",
        "<think>Add them.</think>",
        "",
        "",
        "\t\t\t",
      ),
    );
  });

  it("passes System, Tools, Response and the think flags; Prompt and Suffix are absent", () => {
    const template = parseTemplate(
      "{{ .System }}|{{ len .Messages }}|{{ if .Tools }}tools{{ end }}|{{ .Response }}|{{ .Think }} {{ .ThinkLevel }} {{ .IsThinkSet }}|{{ .Prompt }}|{{ if .Suffix }}s{{ end }}",
    );
    const messages: ChatMessage[] = [
      { role: "system", content: "a" },
      { role: "user", content: "u" },
      { role: "system", content: "b" },
    ];
    assert.equal(renderChatPrompt(template, { messages, think: true, isThinkSet: true }), "a\n\nb|3|||true medium true|<no value>|");
    assert.equal(renderChatPrompt(template, { messages, tools: [], thinkLevel: "high" }), "a\n\nb|3|||false high false|<no value>|");
  });

  it("exposes tool call fields and prints arguments as JSON", () => {
    const template = parseTemplate(
      "{{ range .Messages }}{{ range .ToolCalls }}{{ .ID }} {{ .Function.Index }} {{ .Function.Name }} {{ .Function.Arguments }} {{ json .Function.Arguments }} {{ .Function.Arguments.city }}{{ end }}{{ end }}",
    );
    const messages: ChatMessage[] = [
      { role: "assistant", content: "", tool_calls: [{ id: "c1", function: { index: 2, name: "weather", arguments: { unit: "C", city: "<Oslo>" } } }] },
    ];
    assert.equal(
      renderChatPrompt(template, { messages }),
      'c1 2 weather {"city":"\\u003cOslo\\u003e","unit":"C"} {"city":"\\u003cOslo\\u003e","unit":"C"} <Oslo>',
    );
  });

  it("prints tools, functions and parameters as JSON and ranges over properties", () => {
    const template = parseTemplate(
      "{{ range .Messages }}{{ end }}{{ .Tools }}|{{ range .Tools }}{{ .Function }}|{{ .Function.Parameters }}|{{ range $name, $p := .Function.Parameters.Properties }}{{ $name }}:{{ $p.Type }}:{{ toTypeScriptType $p }};{{ end }}{{ end }}",
    );
    const tools = [
      {
        type: "function",
        function: {
          name: "f",
          parameters: {
            type: "object",
            properties: { b: { type: ["string", "null"], extra: 1 }, a: { anyOf: [{ type: "integer" }, { type: "array" }] } },
          },
        },
      },
    ];
    const fn = '{"name":"f","description":"","parameters":{"type":"object","properties":{"a":{"anyOf":[{"type":"integer"},{"type":"array"}]},"b":{"type":["string","null"]}}}}';
    assert.equal(
      renderChatPrompt(template, { messages: [{ role: "user", content: "x" }], tools }),
      `[{"type":"function","function":${fn}}]|${fn}|${fn.slice(fn.indexOf('{"type":"object"'), -1)}|a::number | any[];b:[string null]:string | null;`,
    );
  });
});

describe("renderChatPrompt with legacy templates", () => {
  it("renders each finished turn and stops at the reply being generated", () => {
    assert.equal(
      chat(LEGACY_INST, CONVERSATION),
      lines(
        "[INST] You are terse. Hi! [/INST]Hello.[INST] Name a color. [/INST]",
      ),
    );
  });

  it("continues a partial assistant reply", () => {
    assert.equal(
      chat(LEGACY_INST, [...CONVERSATION, { role: "assistant", content: "Blue" }]),
      lines(
        "[INST] You are terse. Hi! [/INST]Hello.[INST] Name a color. [/INST]Blue",
      ),
    );
  });

  it("cuts a template at {{ .Response }}", () => {
    const template = "{{ if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n{{ end }}{{ if .Prompt }}<|im_start|>user\n{{ .Prompt }}<|im_end|>\n{{ end }}<|im_start|>assistant\n{{ .Response }}<|im_end|>\n";
    assert.equal(
      chat(template, CONVERSATION),
      lines(
        "<|im_start|>system",
        "You are terse.<|im_end|>",
        "<|im_start|>user",
        "Hi!<|im_end|>",
        "<|im_start|>assistant",
        "Hello.<|im_end|>",
        "<|im_start|>user",
        "Name a color.<|im_end|>",
        "<|im_start|>assistant",
        "",
      ),
    );
  });

  it("renders the default template with the last prompt", () => {
    assert.equal(chat(DEFAULT_TEMPLATE, [{ role: "user", content: "Why is the sky blue?" }]), "Why is the sky blue?");
  });
});

describe("renderCompletionPrompt", () => {
  it("qwen2.5: fill in the middle", () => {
    assert.equal(
      renderCompletionPrompt(parseTemplate(QWEN_2_5), { prompt: "def add(a, b):\n    ", suffix: "\n    return c" }),
      lines(
        "<|fim_prefix|>def add(a, b):",
        "    <|fim_suffix|>",
        "    return c<|fim_middle|>",
      ),
    );
  });

  it("codellama: <PRE> <SUF> <MID>", () => {
    const template = parseTemplate(CODELLAMA_INSERT);
    assert.equal(renderCompletionPrompt(template, { prompt: "def add(", suffix: "return x" }), "<PRE> def add( <SUF>return x <MID>");
    assert.equal(chat(CODELLAMA_INSERT, [{ role: "user", content: "hello" }]), "hello");
  });

  it("falls back to the chat modes without a prompt or suffix", () => {
    assert.equal(renderCompletionPrompt(parseTemplate(QWEN_2_5), { prompt: "", suffix: "x" }), "<|im_start|>assistant\n");
  });
});

interface BuiltinTemplate {
  name: string;
  template: string;
  expected: Record<string, string>;
}

describe("Ollama's built-in templates (template/testdata)", () => {
  const builtins = JSON.parse(readFileSync(new URL("./fixtures/ollama-builtin-templates.json", import.meta.url), "utf8")) as BuiltinTemplate[];
  const conversations: Record<string, ChatMessage[]> = {
    user: [{ role: "user", content: "Hello, how are you?" }],
    "user-assistant-user": [
      { role: "user", content: "Hello, how are you?" },
      { role: "assistant", content: "I'm doing great. How can I help you today?" },
      { role: "user", content: "I'd like to show off how chat templating works!" },
    ],
    "system-user-assistant-user": [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "Hello, how are you?" },
      { role: "assistant", content: "I'm doing great. How can I help you today?" },
      { role: "user", content: "I'd like to show off how chat templating works!" },
    ],
  };
  // Ollama's own test strips one trailing space from these templates' output.
  const trailingSpace = new Set(["chatqa", "llama2-chat", "mistral-instruct", "openchat", "vicuna"]);

  for (const builtin of builtins) {
    for (const [name, messages] of Object.entries(conversations)) {
      it(`${builtin.name} ${name}`, () => {
        let prompt = chat(builtin.template, messages);
        if (trailingSpace.has(builtin.name) && prompt.endsWith(" ")) prompt = prompt.slice(0, -1);
        assert.equal(prompt, builtin.expected[name]);
      });
    }
  }
});

describe("templateCapabilities", () => {
  it("infers tools, insert and thinking as Ollama does", () => {
    const capabilities = (t: string) => templateCapabilities(parseTemplate(t));
    assert.deepEqual(capabilities(LLAMA_3_2), { tools: true, insert: false, thinking: false });
    assert.deepEqual(capabilities(QWEN_2_5), { tools: true, insert: true, thinking: false });
    assert.deepEqual(capabilities(QWEN_3), { tools: true, insert: false, thinking: true });
    assert.deepEqual(capabilities(LEGACY_INST), { tools: false, insert: false, thinking: false });
    assert.deepEqual(capabilities(DEFAULT_TEMPLATE), { tools: false, insert: false, thinking: false });
    assert.deepEqual(templateThinkingTags(parseTemplate(QWEN_3)), { opening: "<think>", closing: "</think>" });
  });
});

describe("collateMessages and tagImages", () => {
  it("joins system messages and merges consecutive roles except tool", () => {
    const { system, messages } = collateMessages([
      { role: "system", content: "You are helpful" },
      { role: "user", content: "Hello" },
      { role: "user", content: "How are you?" },
      { role: "tool", content: "sunny", tool_name: "get_weather" },
      { role: "tool", content: "72F", tool_name: "get_temperature" },
      { role: "system", content: "Be brief" },
    ]);
    assert.equal(system, "You are helpful\n\nBe brief");
    assert.deepEqual(messages, [
      { role: "system", content: "You are helpful" },
      { role: "user", content: "Hello\n\nHow are you?" },
      { role: "tool", content: "sunny", tool_name: "get_weather" },
      { role: "tool", content: "72F", tool_name: "get_temperature" },
      { role: "system", content: "Be brief" },
    ]);
  });

  it("numbers images across messages and fills [img] placeholders", () => {
    const { messages, images } = tagImages([
      { role: "user", content: "look", images: ["A", "B"] },
      { role: "user", content: "and [img] here", images: ["C"] },
      { role: "user", content: "none" },
    ]);
    assert.deepEqual(images, ["A", "B", "C"]);
    assert.deepEqual(messages.map((m) => m.content), ["[img-0][img-1]look", "and [img-2] here", "none"]);
  });
});
