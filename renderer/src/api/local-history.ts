// Chat history kept in the browser's localStorage, for when the engine has no Paddock API (the desktop app
// connected to an Ollama server). Same operations and shapes as /api/paddock/conversations, so the rest of
// the UI does not know the difference; every tab of this origin shares it.

import { ApiRequestError } from "./api-error.js";
import type { Conversation, ConversationFields, ConversationWithMessages, NewMessage, StoredMessage } from "./types.js";

const KEY = "paddock.localHistory";
const TITLE_LENGTH = 60;

type Stored = Omit<ConversationWithMessages, "message_count" | "snippet">;

function newId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`;
}

function titleFrom(content: string): string {
  const line = content.trim().split("\n")[0].replace(/\s+/g, " ").trim();
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function summary(stored: Stored): Conversation {
  const { messages, ...rest } = stored;
  return { ...rest, message_count: messages.length };
}

export class LocalHistory {
  constructor(private readonly storage: Storage = localStorage, private readonly now: () => Date = () => new Date()) {}

  private read(): Stored[] {
    try {
      const value: unknown = JSON.parse(this.storage.getItem(KEY) ?? "[]");
      return Array.isArray(value) ? (value as Stored[]) : [];
    } catch {
      return [];
    }
  }

  private write(conversations: Stored[]): void {
    this.storage.setItem(KEY, JSON.stringify(conversations));
  }

  private change<T>(id: string, edit: (conversation: Stored) => T): T {
    const all = this.read();
    const conversation = all.find((item) => item.id === id);
    if (!conversation) throw new ApiRequestError(404, `conversation '${id}' not found`);
    const result = edit(conversation);
    conversation.updated_at = this.now().toISOString();
    this.write(all);
    return result;
  }

  list(query = ""): Conversation[] {
    const needle = query.trim().toLowerCase();
    const sorted = this.read().sort((a, b) => b.updated_at.localeCompare(a.updated_at));
    if (!needle) return sorted.map(summary);
    const found: Conversation[] = [];
    for (const conversation of sorted) {
      const titleMatch = conversation.title.toLowerCase().includes(needle);
      const message = conversation.messages.find((item) => item.content.toLowerCase().includes(needle));
      if (!titleMatch && !message) continue;
      const result = summary(conversation);
      if (!titleMatch && message) {
        const at = message.content.toLowerCase().indexOf(needle);
        const start = Math.max(0, at - 40);
        result.snippet = `${start > 0 ? "…" : ""}${message.content.slice(start, at + needle.length + 40).replace(/\s+/g, " ").trim()}`;
      }
      found.push(result);
    }
    return found;
  }

  create(fields: ConversationFields = {}): ConversationWithMessages {
    const now = this.now().toISOString();
    const conversation: Stored = {
      id: newId(),
      title: fields.title?.trim() ?? "",
      model: fields.model ?? "",
      system: fields.system ?? "",
      options: fields.options ?? {},
      created_at: now,
      updated_at: now,
      messages: [],
    };
    this.write([...this.read(), conversation]);
    return { ...conversation, message_count: 0 };
  }

  get(id: string): ConversationWithMessages {
    const conversation = this.read().find((item) => item.id === id);
    if (!conversation) throw new ApiRequestError(404, `conversation '${id}' not found`);
    return { ...conversation, message_count: conversation.messages.length };
  }

  update(id: string, fields: ConversationFields): Conversation {
    return this.change(id, (conversation) => {
      if (fields.title !== undefined) conversation.title = fields.title.trim();
      if (fields.model !== undefined) conversation.model = fields.model;
      if (fields.system !== undefined) conversation.system = fields.system;
      if (fields.options !== undefined) conversation.options = fields.options;
      return summary(conversation);
    });
  }

  remove(id: string): void {
    const all = this.read();
    if (!all.some((item) => item.id === id)) throw new ApiRequestError(404, `conversation '${id}' not found`);
    this.write(all.filter((item) => item.id !== id));
  }

  append(id: string, message: NewMessage): StoredMessage {
    return this.change(id, (conversation) => {
      const stored: StoredMessage = { id: newId(), ...message, created_at: this.now().toISOString() };
      conversation.messages.push(stored);
      if (conversation.title === "" && message.role === "user" && message.content.trim()) conversation.title = titleFrom(message.content);
      return stored;
    });
  }

  updateMessage(id: string, messageId: string, patch: Partial<Pick<StoredMessage, "content" | "thinking" | "metrics">>): StoredMessage {
    return this.change(id, (conversation) => {
      const message = conversation.messages.find((item) => item.id === messageId);
      if (!message) throw new ApiRequestError(404, `message '${messageId}' not found`);
      Object.assign(message, patch);
      return message;
    });
  }

  truncateFrom(id: string, messageId: string): number {
    return this.change(id, (conversation) => {
      const index = conversation.messages.findIndex((item) => item.id === messageId);
      if (index < 0) throw new ApiRequestError(404, `message '${messageId}' not found`);
      const removed = conversation.messages.length - index;
      conversation.messages.splice(index);
      return removed;
    });
  }
}
