import { randomInt } from "node:crypto";

/** Ollama's ids are a prefix and a small random number (`chatcmpl-417`), not unique across requests. */
export function shortId(prefix: string): string {
  return `${prefix}-${randomInt(999)}`;
}

const ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A tool call id in Ollama's shape, for tool calls the native reply left without one. */
export function toolCallId(): string {
  let id = "call_";
  for (let i = 0; i < 8; i++) id += ID_CHARS[randomInt(ID_CHARS.length)];
  return id;
}

/** Unix seconds of a native `created_at` (RFC 3339); now when it is missing or unreadable. */
export function unixSeconds(createdAt: unknown): number {
  const ms = typeof createdAt === "string" ? Date.parse(createdAt) : NaN;
  return Math.floor((Number.isNaN(ms) ? Date.now() : ms) / 1000);
}
