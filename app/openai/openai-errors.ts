import type { Context } from "hono";
import type { Engine } from "../engine/engine.js";
import { jsonResponse } from "../server/responses.js";
import { statusOf } from "./compat-errors.js";

/** OpenAI's error `type` for a status, as Ollama's compatibility layer chooses it. */
export function openAiErrorType(status: number): string {
  if (status === 400) return "invalid_request_error";
  if (status === 404) return "not_found_error";
  return "api_error";
}

export function openAiErrorBody(status: number, message: string) {
  return { error: { message, type: openAiErrorType(status), param: null, code: null } };
}

export function openAiError(status: number, message: string): Response {
  return jsonResponse(openAiErrorBody(status, message), status, "application/json");
}

type Handler = (engine: Engine, c: Context) => Promise<Response>;

/** Wraps a /v1 handler so every failure, its own or a native handler's, answers in OpenAI's envelope. */
export function withOpenAiErrors(handler: Handler): Handler {
  return async (engine, c) => {
    try {
      return await handler(engine, c);
    } catch (error) {
      const { status, message } = statusOf(engine, c, error);
      return openAiError(status, message);
    }
  };
}
