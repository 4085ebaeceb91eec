import { templateThinkingTags, type Tool } from "../template/chat-prompt.js";
import { parseTemplate, toolCallTag } from "../template/go-template/index.js";
import type { ChatTemplateSource } from "./prompt-builder.js";
import { ThinkingParser } from "./thinking-parser.js";
import { ToolCallParser } from "./tool-call-parser.js";

export interface OutputPiece {
  content: string;
  thinking: string;
  toolCalls: ReturnType<ToolCallParser["add"]>["calls"];
}

function thinkingTagsFor(source: ChatTemplateSource): { opening: string; closing: string } {
  if (source.goTemplate !== undefined) return templateThinkingTags(parseTemplate(source.goTemplate));
  return source.jinjaTemplate?.includes("<think>") ? { opening: "<think>", closing: "</think>" } : { opening: "", closing: "" };
}

/**
 * Turns raw model text into what the API returns: thinking split off by the template's tags (when
 * thinking is on), then tool calls found in the rest (when tools were given), then plain content.
 */
export class ChatOutput {
  private readonly thinking?: ThinkingParser;
  private readonly tools?: ToolCallParser;

  constructor(source: ChatTemplateSource, options: { think: boolean; tools?: Tool[]; prompt: string }) {
    if (options.think) {
      const tags = thinkingTagsFor(source);
      if (tags.opening && tags.closing) {
        this.thinking = new ThinkingParser(tags.opening, tags.closing);
        if (options.prompt.trimEnd().endsWith(tags.opening)) this.thinking.startInsideThinking();
      }
    }
    if (options.tools && options.tools.length > 0) {
      const tag = source.goTemplate !== undefined ? toolCallTag(parseTemplate(source.goTemplate)) : "{";
      this.tools = new ToolCallParser(tag, options.tools);
    }
  }

  push(text: string): OutputPiece {
    const split = this.thinking ? this.thinking.add(text) : { thinking: "", content: text };
    if (!this.tools) return { thinking: split.thinking, content: split.content, toolCalls: [] };
    const found = this.tools.add(split.content);
    return { thinking: split.thinking, content: found.content, toolCalls: found.calls };
  }

  finish(): OutputPiece {
    return { thinking: "", content: this.tools?.finish() ?? "", toolCalls: [] };
  }
}
