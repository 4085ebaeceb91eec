// Chat history for the UI: a Paddock addition under /api/paddock/, a prefix Ollama's API does not use.
// Conversations live in the engine's SQLite database, so every window and browser tab shares them and
// they survive restarts.
//
// GET    /api/paddock/conversations[?q=<text>&limit=<n>]
//        200 {"conversations":[{"id","title","model","system","options":{},"created_at","updated_at","message_count","snippet"?}]}
//        newest first; q matches titles and message text (snippet: where a message matched)
// POST   /api/paddock/conversations {"title"?,"model"?,"system"?,"options"?}  200 <conversation with "messages":[]>
// GET    /api/paddock/conversations/:id                                       200 <conversation with "messages">
// PATCH  /api/paddock/conversations/:id {"title"?,"model"?,"system"?,"options"?} 200 <conversation>
// DELETE /api/paddock/conversations/:id                                       200 (empty)
// GET    /api/paddock/conversations/:id/messages                              200 {"messages":[...]}
// POST   /api/paddock/conversations/:id/messages {"role","content","thinking"?,"model"?,"metrics"?}
//        200 <message>: appended at the end; the first user message titles an untitled conversation
// PATCH  /api/paddock/conversations/:id/messages/:message {"content"?,"thinking"?,"metrics"?} 200 <message>
// DELETE /api/paddock/conversations/:id/messages/:message
//        200 {"removed":N}: the message and every later one (regenerate, edit and resend)
// Errors: 400 {"error":"..."} for a bad body or query, 404 {"error":"conversation '<id>' not found"}.

import type { Context } from "hono";
import { z } from "zod";
import type { Engine } from "../../engine/engine.js";
import { ApiError } from "../api-error.js";
import { readJson } from "../json-body.js";
import { emptyResponse, jsonResponse } from "../responses.js";
import { parseRequest } from "./paddock-request.js";

const jsonObject = z.record(z.string(), z.unknown());

const conversationFields = z
  .object({
    title: z.string().max(500).optional(),
    model: z.string().max(500).optional(),
    system: z.string().max(1_000_000).optional(),
    options: jsonObject.optional(),
  })
  .strict();

const listQuery = z.object({
  q: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const newMessage = z
  .object({
    role: z.enum(["system", "user", "assistant", "tool"]),
    content: z.string(),
    thinking: z.string().optional(),
    model: z.string().max(500).optional(),
    metrics: jsonObject.optional(),
  })
  .strict();

const messagePatch = z
  .object({
    content: z.string().optional(),
    thinking: z.string().nullable().optional(),
    metrics: jsonObject.nullable().optional(),
  })
  .strict();

function conversationId(engine: Engine, c: Context): string {
  const id = c.req.param("id") ?? "";
  if (!engine.history.conversations.get(id)) throw new ApiError(404, `conversation '${id}' not found`);
  return id;
}

function messageNotFound(c: Context): never {
  throw new ApiError(404, `message '${c.req.param("message") ?? ""}' not found`);
}

export function listConversations(engine: Engine, c: Context): Response {
  const query = parseRequest(listQuery, c.req.query());
  return jsonResponse({ conversations: engine.history.conversations.list({ query: query.q, limit: query.limit }) });
}

export async function createConversation(engine: Engine, c: Context): Promise<Response> {
  const fields = parseRequest(conversationFields, await readJson(c).catch(emptyBodyAsObject));
  const conversation = engine.history.conversations.create(fields);
  return jsonResponse({ ...conversation, messages: [] });
}

export function getConversation(engine: Engine, c: Context): Response {
  return jsonResponse(engine.history.conversations.getWithMessages(conversationId(engine, c)));
}

export async function updateConversation(engine: Engine, c: Context): Promise<Response> {
  const id = conversationId(engine, c);
  const patch = parseRequest(conversationFields, await readJson(c));
  return jsonResponse(engine.history.conversations.update(id, patch));
}

export function deleteConversation(engine: Engine, c: Context): Response {
  engine.history.conversations.delete(conversationId(engine, c));
  return emptyResponse(200);
}

export function listMessages(engine: Engine, c: Context): Response {
  return jsonResponse({ messages: engine.history.conversations.messages(conversationId(engine, c)) });
}

export async function appendMessage(engine: Engine, c: Context): Promise<Response> {
  const id = conversationId(engine, c);
  const message = parseRequest(newMessage, await readJson(c));
  return jsonResponse(engine.history.conversations.append(id, message));
}

export async function updateMessage(engine: Engine, c: Context): Promise<Response> {
  const id = conversationId(engine, c);
  const patch = parseRequest(messagePatch, await readJson(c));
  const message = engine.history.conversations.updateMessage(id, c.req.param("message") ?? "", patch);
  return message ? jsonResponse(message) : messageNotFound(c);
}

export function truncateMessages(engine: Engine, c: Context): Response {
  const id = conversationId(engine, c);
  const removed = engine.history.conversations.truncateFrom(id, c.req.param("message") ?? "");
  return removed === undefined ? messageNotFound(c) : jsonResponse({ removed });
}

/** POST with no body at all creates an empty conversation. */
function emptyBodyAsObject(error: unknown): object {
  if (error instanceof ApiError && error.message === "missing request body") return {};
  throw error;
}
