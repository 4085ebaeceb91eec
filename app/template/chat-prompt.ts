// Ollama's prompt rendering on top of the Go template interpreter
// (template/template.go Execute and collate, server/prompt.go image tags).

import {
  cutAfterResponseField, thinkingTags, withResponseAppended, type GoTemplate,
} from "./go-template/index.js";
import { messagesValue, toolsValue } from "./ollama-values.js";

export interface ToolCall {
  id?: string;
  function: { index?: number; name: string; arguments: Record<string, unknown> };
}

export interface ChatMessage {
  role: string;
  content: string;
  thinking?: string;
  images?: string[];
  tool_calls?: ToolCall[];
  tool_name?: string;
  tool_call_id?: string;
}

export interface Tool {
  type: string;
  /** api.Tool also carries an optional `items` schema. */
  items?: unknown;
  function: { name: string; description?: string; parameters?: unknown };
}

export interface ThinkOptions {
  think?: boolean;
  /** Defaults to Ollama's level for a boolean think: "medium" when think is true, else "". */
  thinkLevel?: string;
  /** Whether the request set `think` at all (templates cannot tell false from absent otherwise). */
  isThinkSet?: boolean;
}

export interface ChatPromptInput extends ThinkOptions {
  messages: ChatMessage[];
  tools?: Tool[];
}

export interface CompletionPromptInput extends ThinkOptions {
  prompt: string;
  suffix: string;
}

export const DEFAULT_TEMPLATE = "{{ .Prompt }}";

/** Ollama's collate: all system texts joined, consecutive same-role messages (but tool results) merged. */
export function collateMessages(messages: readonly ChatMessage[]): { system: string; messages: ChatMessage[] } {
  const system: string[] = [];
  const collated: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === "system") system.push(message.content);
    const last = collated[collated.length - 1];
    if (last && last.role === message.role && message.role !== "tool") {
      // Like Ollama, only the content of the later message survives the merge.
      collated[collated.length - 1] = { ...last, content: `${last.content}\n\n${message.content}` };
    } else {
      collated.push(message);
    }
  }
  return { system: system.join("\n\n"), messages: collated };
}

function thinkFields(options: ThinkOptions) {
  const think = options.think ?? false;
  return {
    Think: think,
    ThinkLevel: options.thinkLevel ?? (think ? "medium" : ""),
    IsThinkSet: options.isThinkSet ?? false,
  };
}

/** The turn-by-turn mode for templates written before .Messages existed. */
function renderLegacy(template: GoTemplate, messages: readonly ChatMessage[], options: ThinkOptions): string {
  const full = template.usesField("Response") ? template : withResponseAppended(template);
  let system = "";
  let prompt = "";
  let response = "";
  let out = "";
  const turn = (t: GoTemplate) => t.execute({ System: system, Prompt: prompt, Response: response, ...thinkFields(options) });
  const flush = () => {
    out += turn(full);
    system = prompt = response = "";
  };
  for (const message of messages) {
    switch (message.role) {
      case "system":
        if (prompt !== "" || response !== "") flush();
        system = message.content;
        break;
      case "user":
        if (response !== "") flush();
        prompt = message.content;
        break;
      case "assistant":
        response = message.content;
        break;
    }
  }
  // The last turn stops at {{ .Response }} so the model continues from there.
  return out + turn(cutAfterResponseField(full));
}

function render(template: GoTemplate, messages: readonly ChatMessage[], tools: Tool[] | undefined, options: ThinkOptions): string {
  const collated = collateMessages(messages);
  if (template.usesField("Messages")) {
    return template.execute({
      System: collated.system,
      Messages: messagesValue(collated.messages),
      Tools: toolsValue(tools),
      Response: "",
      ...thinkFields(options),
    });
  }
  return renderLegacy(template, collated.messages, options);
}

/** Renders a chat the way Ollama's Template.Execute does for /api/chat. */
export function renderChatPrompt(template: GoTemplate, input: ChatPromptInput): string {
  return render(template, input.messages, input.tools, input);
}

/** Renders /api/generate's fill-in-the-middle request (prompt + suffix). */
export function renderCompletionPrompt(template: GoTemplate, input: CompletionPromptInput): string {
  if (input.prompt !== "" && input.suffix !== "") {
    return template.execute({ Prompt: input.prompt, Suffix: input.suffix, Response: "", ...thinkFields(input) });
  }
  // Ollama falls through to the chat modes with no messages at all.
  return render(template, [], undefined, input);
}

/** What Ollama infers a model can do from its Go template alone. */
export function templateCapabilities(template: GoTemplate): { tools: boolean; insert: boolean; thinking: boolean } {
  const tags = thinkingTags(template);
  return {
    tools: template.usesField("Tools"),
    insert: template.usesField("Suffix"),
    thinking: tags.opening !== "" && tags.closing !== "",
  };
}

/** The thinking tags Ollama's thinking parser uses for this template ("" when none). */
export function templateThinkingTags(template: GoTemplate): { opening: string; closing: string } {
  return thinkingTags(template);
}

/**
 * server/prompt.go imageTaggedMessages: numbers images across the conversation and
 * puts "[img-N]" in each message (replacing "[img]" placeholders, else in front).
 */
export function tagImages(messages: readonly ChatMessage[]): { messages: ChatMessage[]; images: string[] } {
  const images: string[] = [];
  const tagged = messages.map((message) => {
    if (!message.images?.length) return message;
    let prefix = "";
    let content = message.content;
    for (const image of message.images) {
      const tag = `[img-${images.length}]`;
      images.push(image);
      if (content.includes("[img]")) content = content.replace("[img]", tag);
      else prefix += tag;
    }
    return { ...message, content: prefix + content };
  });
  return { messages: tagged, images };
}
