import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import type { Engine } from "../../engine/engine.js";
import { jsonResponse } from "../../server/responses.js";
import { statusOf } from "../compat-errors.js";

/** Anthropic's error `type` for a status. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
    default:
      return "api_error";
  }
}

/** `<prefix>_` and 24 hex digits, the shape of Anthropic's message and request ids. */
export function anthropicId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

export function anthropicErrorBody(status: number, message: string) {
  return { type: "error", error: { type: anthropicErrorType(status), message }, request_id: anthropicId("req") };
}

export function anthropicError(status: number, message: string): Response {
  return jsonResponse(anthropicErrorBody(status, message), status, "application/json");
}

type Handler = (engine: Engine, c: Context) => Promise<Response>;

/** Wraps a handler so every failure, its own or the native handler's, answers in Anthropic's envelope. */
export function withAnthropicErrors(handler: Handler): Handler {
  return async (engine, c) => {
    try {
      return await handler(engine, c);
    } catch (error) {
      const { status, message } = statusOf(engine, c, error);
      return anthropicError(status, message);
    }
  };
}
