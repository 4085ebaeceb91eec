import type { ModelName } from "../names/model-name.js";
import { MEDIA_TYPES, parseManifest, type Manifest } from "../store/manifest.js";
import type { RegistryClient } from "./registry-client.js";
import { manifestUrl } from "./registry-url.js";

export interface RemoteManifest {
  manifest: Manifest;
  /** The bytes exactly as the registry sent them: stored as is, so the digest /api/tags shows matches upstream's. */
  raw: Uint8Array;
}

export async function pullManifest(client: RegistryClient, base: URL, name: ModelName): Promise<RemoteManifest> {
  const response = await client.request({ method: "GET", url: manifestUrl(base, name), headers: { accept: MEDIA_TYPES.manifest } });
  const raw = new Uint8Array(await response.arrayBuffer());
  let manifest: Manifest;
  try {
    manifest = parseManifest(raw);
  } catch (error) {
    throw new Error(error instanceof SyntaxError ? error.message : "invalid manifest");
  }
  return { manifest, raw };
}
