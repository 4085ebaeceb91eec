import { randomUUID } from "node:crypto";
import type { Db } from "./history-db.js";

export type JsonObject = Record<string, unknown>;

export interface Conversation {
  id: string;
  /** '' until the first user message names it (the UI shows "New chat"). */
  title: string;
  model: string;
  system: string;
  /** Ollama request options for this chat (temperature, num_ctx, num_predict, ...). */
  options: JsonObject;
  created_at: string;
  updated_at: string;
  message_count: number;
}

export interface ConversationMatch extends Conversation {
  /** A stretch of the first message that matched the search, when the title alone did not. */
  snippet?: string;
}

export interface StoredMessage {
  id: string;
  role: string;
  content: string;
  thinking?: string;
  /** The model that wrote an assistant message. */
  model?: string;
  /** Timings and counts of the answer (the final chunk's fields, and the UI's own timeline). */
  metrics?: JsonObject;
  created_at: string;
}

export interface ConversationWithMessages extends Conversation {
  messages: StoredMessage[];
}

export interface NewConversation {
  title?: string;
  model?: string;
  system?: string;
  options?: JsonObject;
}

export type ConversationPatch = NewConversation;

export interface NewMessage {
  role: string;
  content: string;
  thinking?: string;
  model?: string;
  metrics?: JsonObject;
}

export interface MessagePatch {
  content?: string;
  thinking?: string | null;
  metrics?: JsonObject | null;
}

interface ConversationRow {
  id: string;
  title: string;
  model: string;
  system: string;
  options: string;
  created_at: number;
  updated_at: number;
  message_count: number;
  matched?: string | null;
}

interface MessageRow {
  id: string;
  role: string;
  content: string;
  thinking: string | null;
  model: string | null;
  metrics: string | null;
  created_at: number;
  position: number;
}

const TITLE_LENGTH = 60;
const SNIPPET_RADIUS = 40;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function parseObject(text: string | null): JsonObject | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    title: row.title,
    model: row.model,
    system: row.system,
    options: parseObject(row.options) ?? {},
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    message_count: row.message_count,
  };
}

function toMessage(row: MessageRow): StoredMessage {
  const metrics = parseObject(row.metrics);
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    ...(row.thinking ? { thinking: row.thinking } : {}),
    ...(row.model ? { model: row.model } : {}),
    ...(metrics ? { metrics } : {}),
    created_at: iso(row.created_at),
  };
}

/** A title from the first user message: its first line, whitespace folded, cut at a word near 60 characters. */
export function titleFrom(content: string): string {
  const line = content.trim().split("\n")[0].replace(/\s+/g, " ").trim();
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function snippetAround(text: string, query: string): string {
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return text.slice(0, SNIPPET_RADIUS * 2).replace(/\s+/g, " ");
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(text.length, at + query.length + SNIPPET_RADIUS);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).replace(/\s+/g, " ").trim()}${end < text.length ? "…" : ""}`;
}

/** LIKE with the user's %, _ and \ taken literally. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

const CONVERSATION_COLUMNS = `c.id, c.title, c.model, c.system, c.options, c.created_at, c.updated_at,
  (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count`;

/** Conversations and their messages in SQLite, ordered by position within a conversation. */
export class ConversationStore {
  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {}

  list({ query = "", limit = 200 }: { query?: string; limit?: number } = {}): ConversationMatch[] {
    const trimmed = query.trim();
    if (!trimmed) {
      const rows = this.db
        .prepare(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c ORDER BY c.updated_at DESC, c.rowid DESC LIMIT ?`)
        .all(limit) as ConversationRow[];
      return rows.map(toConversation);
    }
    const pattern = likePattern(trimmed);
    const rows = this.db
      .prepare(
        `SELECT ${CONVERSATION_COLUMNS},
           (SELECT m.content FROM messages m WHERE m.conversation_id = c.id AND m.content LIKE @pattern ESCAPE '\\'
            ORDER BY m.position LIMIT 1) AS matched
         FROM conversations c
         WHERE c.title LIKE @pattern ESCAPE '\\'
            OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.content LIKE @pattern ESCAPE '\\')
         ORDER BY c.updated_at DESC, c.rowid DESC LIMIT @limit`,
      )
      .all({ pattern, limit }) as ConversationRow[];
    return rows.map((row) => {
      const conversation: ConversationMatch = toConversation(row);
      if (row.matched && !row.title.toLowerCase().includes(trimmed.toLowerCase())) conversation.snippet = snippetAround(row.matched, trimmed);
      return conversation;
    });
  }

  create(fields: NewConversation = {}): Conversation {
    const id = randomUUID();
    const now = this.now();
    this.db
      .prepare(`INSERT INTO conversations (id, title, model, system, options, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(id, fields.title?.trim() ?? "", fields.model ?? "", fields.system ?? "", JSON.stringify(fields.options ?? {}), now, now);
    return this.get(id)!;
  }

  get(id: string): Conversation | undefined {
    const row = this.db.prepare(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ?`).get(id) as ConversationRow | undefined;
    return row && toConversation(row);
  }

  getWithMessages(id: string): ConversationWithMessages | undefined {
    const conversation = this.get(id);
    return conversation && { ...conversation, messages: this.messages(id) };
  }

  update(id: string, patch: ConversationPatch): Conversation | undefined {
    const sets: string[] = [];
    const values: unknown[] = [];
    if (patch.title !== undefined) sets.push("title = ?"), values.push(patch.title.trim());
    if (patch.model !== undefined) sets.push("model = ?"), values.push(patch.model);
    if (patch.system !== undefined) sets.push("system = ?"), values.push(patch.system);
    if (patch.options !== undefined) sets.push("options = ?"), values.push(JSON.stringify(patch.options));
    sets.push("updated_at = ?");
    values.push(this.now());
    const result = this.db.prepare(`UPDATE conversations SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
    return result.changes > 0 ? this.get(id) : undefined;
  }

  delete(id: string): boolean {
    return this.db.prepare(`DELETE FROM conversations WHERE id = ?`).run(id).changes > 0;
  }

  messages(conversationId: string): StoredMessage[] {
    const rows = this.db
      .prepare(`SELECT * FROM messages WHERE conversation_id = ? ORDER BY position`)
      .all(conversationId) as MessageRow[];
    return rows.map(toMessage);
  }

  /** Adds a message at the end; the first user message of an untitled conversation gives it its title. */
  append(conversationId: string, message: NewMessage): StoredMessage | undefined {
    return this.db.transaction(() => {
      const conversation = this.db.prepare(`SELECT title FROM conversations WHERE id = ?`).get(conversationId) as { title: string } | undefined;
      if (!conversation) return undefined;
      const { next } = this.db
        .prepare(`SELECT COALESCE(MAX(position) + 1, 0) AS next FROM messages WHERE conversation_id = ?`)
        .get(conversationId) as { next: number };
      const id = randomUUID();
      const now = this.now();
      this.db
        .prepare(
          `INSERT INTO messages (id, conversation_id, position, role, content, thinking, model, metrics, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          conversationId,
          next,
          message.role,
          message.content,
          message.thinking || null,
          message.model || null,
          message.metrics ? JSON.stringify(message.metrics) : null,
          now,
        );
      const title = conversation.title === "" && message.role === "user" && message.content.trim() ? titleFrom(message.content) : conversation.title;
      this.db.prepare(`UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?`).run(title, now, conversationId);
      return this.message(conversationId, id);
    })();
  }

  message(conversationId: string, id: string): StoredMessage | undefined {
    const row = this.db.prepare(`SELECT * FROM messages WHERE conversation_id = ? AND id = ?`).get(conversationId, id) as MessageRow | undefined;
    return row && toMessage(row);
  }

  updateMessage(conversationId: string, id: string, patch: MessagePatch): StoredMessage | undefined {
    const sets: string[] = [];
    const values: unknown[] = [];
    if (patch.content !== undefined) sets.push("content = ?"), values.push(patch.content);
    if (patch.thinking !== undefined) sets.push("thinking = ?"), values.push(patch.thinking || null);
    if (patch.metrics !== undefined) sets.push("metrics = ?"), values.push(patch.metrics ? JSON.stringify(patch.metrics) : null);
    return this.db.transaction(() => {
      if (sets.length > 0) {
        const result = this.db.prepare(`UPDATE messages SET ${sets.join(", ")} WHERE conversation_id = ? AND id = ?`).run(...values, conversationId, id);
        if (result.changes === 0) return undefined;
      }
      const message = this.message(conversationId, id);
      if (message) this.touch(conversationId);
      return message;
    })();
  }

  /**
   * Removes a message and every message after it (regenerate drops the answer; edit-and-resend drops
   * what followed the edited message). Returns how many went, or undefined when the message is unknown.
   */
  truncateFrom(conversationId: string, id: string): number | undefined {
    return this.db.transaction(() => {
      const row = this.db.prepare(`SELECT position FROM messages WHERE conversation_id = ? AND id = ?`).get(conversationId, id) as { position: number } | undefined;
      if (!row) return undefined;
      const removed = this.db.prepare(`DELETE FROM messages WHERE conversation_id = ? AND position >= ?`).run(conversationId, row.position).changes;
      this.touch(conversationId);
      return removed;
    })();
  }

  private touch(conversationId: string): void {
    this.db.prepare(`UPDATE conversations SET updated_at = ? WHERE id = ?`).run(this.now(), conversationId);
  }
}
