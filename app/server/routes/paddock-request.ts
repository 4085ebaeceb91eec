import { z } from "zod";
import { ApiError } from "../api-error.js";

/**
 * Validates a request body or query of a Paddock-only endpoint. Unlike Ollama's endpoints these need no
 * Go-worded errors, so the message names the field: `{"error":"title: expected string, received number"}`.
 */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ApiError(400, "the request body must be a JSON object");
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".");
  throw new ApiError(400, field ? `${field}: ${issue.message}` : issue.message);
}
