import { readFile } from "node:fs/promises";
import type { ProgressLine } from "../models/create-model.js";
import { parseModelName } from "../names/model-name.js";
import { MEDIA_TYPES, parseManifest } from "../store/manifest.js";
import type { ModelStore } from "../store/model-store.js";
import { uploadBlob } from "./blob-upload.js";
import { RegistryClient } from "./registry-client.js";
import { manifestUrl, registryBase } from "./registry-url.js";
import type { TransferOptions } from "./transfer-options.js";

export interface PushRequestOptions {
  insecure: boolean;
  signal: AbortSignal;
}

/**
 * Ollama's PushModel as a stream of status lines (§8.6): every layer and the config blob, then the
 * manifest. The manifest goes up as the bytes stored here (upstream re-encodes it), so the registry's
 * digest for the tag is the one /api/tags shows locally.
 */
export async function* pushModel(store: ModelStore, options: TransferOptions, requested: string, request: PushRequestOptions): AsyncGenerator<ProgressLine> {
  yield { status: "retrieving manifest" };
  const parsed = parseModelName(requested);
  if (!parsed) {
    yield { status: "couldn't retrieve manifest" };
    throw new Error(`unqualified name: ${requested}`);
  }
  const name = await store.resolveExisting(parsed);
  const path = store.manifestPath(name);
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    yield { status: "couldn't retrieve manifest" };
    throw new Error(`open ${path}: no such file or directory`);
  }
  const manifest = parseManifest(raw);

  const base = registryBase(name, request.insecure, options.registryHosts);
  const client = new RegistryClient(request.signal);
  for (const layer of [...manifest.layers, manifest.config]) {
    yield* uploadBlob(client, store, base, name, layer, options, request.signal);
  }

  yield { status: "pushing manifest" };
  const response = await client.request({
    method: "PUT",
    url: manifestUrl(base, name),
    headers: { "content-type": MEDIA_TYPES.manifest },
    body: () => new Uint8Array(raw),
  });
  await response.body?.cancel().catch(() => {});
  yield { status: "success" };
}
