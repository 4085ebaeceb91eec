import type { EngineClient } from "../api/engine-client.js";

export type ImportStep =
  | { step: "hashing"; done: number; total: number }
  | { step: "uploading"; done: number; total: number }
  | { step: "creating"; status: string }
  | { step: "done" };

const CHUNK_BYTES = 16 * 1024 * 1024;

/** SHA-256 of a file read in slices (a GGUF may be many gigabytes): "sha256:<hex>". */
export async function sha256OfFile(file: Blob, onProgress: (done: number) => void, signal?: AbortSignal): Promise<string> {
  const { createSHA256 } = await import("hash-wasm");
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    signal?.throwIfAborted();
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    hasher.update(bytes);
    onProgress(Math.min(file.size, offset + CHUNK_BYTES));
  }
  signal?.throwIfAborted();
  return `sha256:${hasher.digest("hex")}`;
}

/**
 * Imports a local GGUF as `ollama create` does: hash it here, upload it as a blob unless the server has
 * it already, then create the model from that blob.
 */
export async function importGguf(client: EngineClient, file: File, model: string, onStep: (step: ImportStep) => void, signal?: AbortSignal): Promise<void> {
  onStep({ step: "hashing", done: 0, total: file.size });
  const digest = await sha256OfFile(file, (done) => onStep({ step: "hashing", done, total: file.size }), signal);
  if (!(await client.hasBlob(digest))) {
    onStep({ step: "uploading", done: 0, total: file.size });
    await client.uploadBlob(digest, file, (done, total) => onStep({ step: "uploading", done, total }), signal);
  }
  onStep({ step: "creating", status: "creating model" });
  let succeeded = false;
  for await (const line of client.create({ model, files: { [file.name.toLowerCase().endsWith(".gguf") ? file.name : `${file.name}.gguf`]: digest } }, signal)) {
    onStep({ step: "creating", status: line.status });
    if (line.status === "success") succeeded = true;
  }
  if (!succeeded) throw new Error("the engine did not finish creating the model");
  onStep({ step: "done" });
}
