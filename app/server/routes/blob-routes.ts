import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import type { Context } from "hono";
import { DigestMismatchError } from "../../store/model-store.js";
import { isDigest } from "../../store/digest.js";
import type { Engine } from "../../engine/engine.js";
import { ApiError } from "../api-error.js";
import { emptyResponse } from "../responses.js";

function checkedDigest(c: Context): string {
  const digest = c.req.param("digest") ?? "";
  if (!isDigest(digest)) throw new ApiError(400, "invalid digest format");
  return digest;
}

export async function headBlob(engine: Engine, c: Context): Promise<Response> {
  const digest = checkedDigest(c);
  if (await engine.store.hasBlob(digest)) return emptyResponse(200);
  throw new ApiError(404, `blob "${digest}" not found`);
}

/** Streams the upload to disk while hashing it; only bytes that match the digest become a blob. */
export async function uploadBlob(engine: Engine, c: Context): Promise<Response> {
  const digest = checkedDigest(c);
  if (await engine.store.hasBlob(digest)) return emptyResponse(200);
  const body = c.req.raw.body;
  const source = body ? Readable.fromWeb(body as NodeWebStream<Uint8Array>) : Readable.from([]);
  try {
    await engine.store.writeBlobFromStream(source, digest);
  } catch (error) {
    if (error instanceof DigestMismatchError) throw new ApiError(400, error.message);
    throw error;
  }
  return emptyResponse(201);
}
