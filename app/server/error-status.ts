import type { Context } from "hono";
import type { Engine } from "../engine/engine.js";
import { isOptionError } from "../options/options.js";
import { ApiError } from "./api-error.js";

export interface StatusMessage {
  status: number;
  message: string;
}

/** The status and text a thrown error stands for; anything unexpected is a logged 500. */
export function statusOf(engine: Engine, c: Context, error: unknown): StatusMessage {
  if (error instanceof ApiError || isOptionError(error)) return { status: error.status, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  engine.log(`${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? message) : message}`);
  return { status: 500, message };
}
