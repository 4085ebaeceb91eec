import type { ChatMessage, ThinkValue } from "./api-types.js";

/** What `paddock run` carries from the flags and the model into each request. */
export interface RunOptions {
  model: string;
  /** The model this one was made from (for /save). */
  parentModel: string;
  /** The model's MESSAGE history, shown at start and kept by /save. */
  loadedMessages: ChatMessage[];
  /** The conversation of this session. */
  messages: ChatMessage[];
  prompt: string;
  wordWrap: boolean;
  /** "", "json", or a JSON schema as text. */
  format: string;
  system: string;
  /** Parameters set with /set parameter. */
  options: Record<string, unknown>;
  multiModal: boolean;
  keepAlive?: string | number;
  think?: ThinkValue;
  hideThinking: boolean;
  verbose: boolean;
}

/** The `format` request field for a --format value: "json" as is, anything else read as a JSON schema. */
export function formatField(format: string): unknown {
  if (format === "") return undefined;
  if (format === "json") return "json";
  try {
    return JSON.parse(format);
  } catch {
    throw new Error(`invalid format ${JSON.stringify(format)}: use "json" or a JSON schema`);
  }
}
