import { ApiError } from "../server/api-error.js";

/**
 * An OpenAI reasoning effort as a native `think` value. OpenAI's scale reaches past Ollama's at both
 * ends, so those tiers clamp to the nearest level instead of failing; empty keeps the model's default.
 */
export function thinkFromEffort(effort: string | undefined): boolean | string | undefined {
  switch (effort) {
    case undefined:
    case "":
      return undefined;
    case "none":
      return false;
    case "minimal":
      return "low";
    case "low":
    case "medium":
    case "high":
    case "max":
      return effort;
    case "xhigh":
    case "ultra":
      return "max";
    default:
      throw new ApiError(
        400,
        `invalid reasoning value: ${JSON.stringify(effort)} (must be "minimal", "low", "medium", "high", "xhigh", "ultra", "max", or "none")`,
      );
  }
}
