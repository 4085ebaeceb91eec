import type { ChatMessage, ChatOptions, StoredMessage } from "../api/types.js";

/** The messages sent to /api/chat: the chat's system prompt (when set) and the history, text only. */
export function chatMessages(system: string, history: StoredMessage[]): ChatMessage[] {
  const messages: ChatMessage[] = system.trim() ? [{ role: "system", content: system }] : [];
  for (const message of history) messages.push({ role: message.role, content: message.content });
  return messages;
}

/** Options without the blanks the form leaves (a blank field means the model's default). */
export function cleanOptions(options: ChatOptions): ChatOptions | undefined {
  const entries = Object.entries(options).filter(([, value]) => value !== "" && value !== null && value !== undefined && !(typeof value === "number" && Number.isNaN(value)));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

const LAST_MODEL_KEY = "paddock.lastModel";

export function lastModel(): string {
  return localStorage.getItem(LAST_MODEL_KEY) ?? "";
}

export function rememberModel(model: string): void {
  if (model) localStorage.setItem(LAST_MODEL_KEY, model);
}
