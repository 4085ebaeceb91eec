import { ApiError } from "../server/api-error.js";

export type ThinkValue = boolean | "high" | "medium" | "low" | "max";

/** Decodes `think` as Ollama's ThinkValue does: a boolean or one of four levels. */
export function parseThink(value: unknown): ThinkValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    if (value === "high" || value === "medium" || value === "low" || value === "max") return value;
    throw new ApiError(400, `invalid think value: ${JSON.stringify(value)} (must be "high", "medium", "low", "max", true, or false)`);
  }
  throw new ApiError(400, `think must be a boolean or string ("high", "medium", "low", "max", true, or false)`);
}

export function isThinking(value: ThinkValue | undefined): boolean {
  return value !== undefined && value !== false;
}
