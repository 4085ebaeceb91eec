import { z } from "zod";
import type { TokenLogprob } from "../runtime/protocol.js";
import { ApiError } from "../server/api-error.js";
import { optional } from "../server/json-body.js";
import { decodeStdBase64 } from "./std-base64.js";

/** The request fields /api/generate and /api/chat share, as in Ollama's request types. */
export const inferenceFields = {
  model: optional(z.string()),
  stream: optional(z.boolean()),
  format: z.unknown().optional(),
  keep_alive: z.unknown().optional(),
  options: optional(z.record(z.string(), z.unknown())),
  think: z.unknown().optional(),
  truncate: optional(z.boolean()),
  shift: optional(z.boolean()),
  logprobs: optional(z.boolean()),
  top_logprobs: optional(z.number().int()),
  _debug_render_only: optional(z.boolean()),
};

/** Images as Ollama decodes them: standard padded base64, no data: prefix; anything else is a 400. */
export const imagesField = optional(
  z.array(z.string().refine((image) => decodeStdBase64(image) !== undefined, { message: "illegal base64 data in images" })),
);

export function checkTopLogprobs(topLogprobs: number | undefined): void {
  if (topLogprobs !== undefined && (topLogprobs < 0 || topLogprobs > 20)) {
    throw new ApiError(400, "top_logprobs must be between 0 and 20");
  }
}

export function logprobsRequest(request: { logprobs?: boolean; top_logprobs?: number }): { top: number } | undefined {
  const top = request.top_logprobs ?? 0;
  return request.logprobs || top > 0 ? { top } : undefined;
}

/** Log-probabilities wait here until the next chunk that is sent (or the final one) carries them. */
export class LogprobQueue {
  private queued: TokenLogprob[] = [];

  add(logprobs: TokenLogprob[] | undefined): void {
    if (logprobs) this.queued.push(...logprobs);
  }

  take(): { logprobs?: TokenLogprob[] } {
    if (this.queued.length === 0) return {};
    const logprobs = this.queued;
    this.queued = [];
    return { logprobs };
  }
}

/** For stream:false: every chunk's log-probabilities in order, or nothing when none were asked for. */
export function joinedLogprobs(items: ReadonlyArray<Record<string, unknown>>): { logprobs?: TokenLogprob[] } {
  if (!items.some((item) => item.logprobs)) return {};
  return { logprobs: items.flatMap((item) => (item.logprobs as TokenLogprob[] | undefined) ?? []) };
}
