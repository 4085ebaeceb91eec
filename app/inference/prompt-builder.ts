import { Template as JinjaTemplate } from "@huggingface/jinja";
import {
  DEFAULT_TEMPLATE,
  renderChatPrompt,
  renderCompletionPrompt,
  tagImages,
  type ChatMessage,
  type Tool,
} from "../template/chat-prompt.js";
import { parseTemplate, TemplateError, type GoTemplate } from "../template/go-template/index.js";
import type { ModelRecord } from "../store/model-record.js";
import { ApiError } from "../server/api-error.js";

export interface ChatTemplateSource {
  /** The Modelfile TEMPLATE (Go syntax) if the model has one. */
  goTemplate?: string;
  /** The GGUF's own Jinja chat template, used when there is no Go template. */
  jinjaTemplate?: string;
  bosToken?: string;
  eosToken?: string;
}

export interface ChatPromptRequest {
  messages: ChatMessage[];
  tools?: Tool[];
  think?: boolean;
}

function templateFailure(error: unknown): never {
  // Ollama reports a template that fails at request time as a 500.
  if (error instanceof TemplateError) throw new ApiError(500, error.message);
  throw new ApiError(500, error instanceof Error ? error.message : String(error));
}

function goTemplate(text: string): GoTemplate {
  try {
    return parseTemplate(text);
  } catch (error) {
    return templateFailure(error);
  }
}

function renderJinja(source: ChatTemplateSource, request: ChatPromptRequest): string {
  try {
    return new JinjaTemplate(source.jinjaTemplate!).render({
      messages: request.messages,
      tools: request.tools,
      add_generation_prompt: true,
      bos_token: source.bosToken ?? "",
      eos_token: source.eosToken ?? "",
      enable_thinking: request.think ?? false,
    });
  } catch (error) {
    return templateFailure(error);
  }
}

/** The model's message history first; the model's SYSTEM in front unless the request starts with one. */
export function assembleMessages(record: ModelRecord, requestMessages: ChatMessage[]): ChatMessage[] {
  const messages: ChatMessage[] = [...(record.messages as ChatMessage[]), ...requestMessages];
  if (record.system && requestMessages[0]?.role !== "system") messages.unshift({ role: "system", content: record.system });
  return messages;
}

/** Renders a chat with the Go template, else the GGUF's Jinja template, else Ollama's default. */
export function renderChat(source: ChatTemplateSource, request: ChatPromptRequest): string {
  if (source.goTemplate === undefined && source.jinjaTemplate) return renderJinja(source, request);
  const template = goTemplate(source.goTemplate ?? DEFAULT_TEMPLATE);
  // Images are numbered into the text ([img-N]) as Ollama does, whether or not the model can see them.
  const { messages } = tagImages(request.messages);
  try {
    return renderChatPrompt(template, { messages, tools: request.tools, think: request.think, isThinkSet: request.think !== undefined });
  } catch (error) {
    return templateFailure(error);
  }
}

export function renderInsert(source: ChatTemplateSource, prompt: string, suffix: string): string {
  const template = goTemplate(source.goTemplate ?? DEFAULT_TEMPLATE);
  try {
    return renderCompletionPrompt(template, { prompt, suffix });
  } catch (error) {
    return templateFailure(error);
  }
}
