import type { Context } from "hono";
import { ApiError } from "../server/api-error.js";
import { readJson } from "../server/json-body.js";

/** Reads a compatibility route's JSON body; Go's decoder calls an empty body "EOF" there, not "missing request body". */
export async function readCompatJson(c: Context): Promise<unknown> {
  try {
    return await readJson(c);
  } catch (error) {
    if (error instanceof ApiError && error.message === "missing request body") throw new ApiError(400, "EOF");
    throw error;
  }
}
