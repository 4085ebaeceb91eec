import type { ProgressLine } from "../models/create-model.js";
import { shortName, type ModelName } from "../names/model-name.js";
import { referencedDigests } from "../store/manifest.js";
import type { ModelStore } from "../store/model-store.js";
import type { DownloadLease, DownloadManager } from "./download-manager.js";
import { blobProgress, progressUntil } from "./progress.js";
import { pullManifest, type RemoteManifest } from "./pull-manifest.js";
import { RegistryClient } from "./registry-client.js";
import { blobUrl, registryBase } from "./registry-url.js";
import { BlobDigestMismatchError, errorText, isCancellation } from "./transfer-errors.js";

export interface PullRequestOptions {
  insecure: boolean;
  signal: AbortSignal;
  /** OLLAMA_NOPRUNE: keep blobs that the previous manifest of this name used and the new one does not. */
  noPrune: boolean;
}

/**
 * Ollama's PullModel as a stream of status lines (§8.5, §13): the manifest, then every layer and the
 * config blob in manifest order, then the manifest is written as the exact bytes the registry sent.
 * Downloads of all missing blobs start at once (small layers need not wait for the weights); the lines
 * still follow manifest order. Each blob is verified before it gets its digest name, so by the time
 * "verifying sha256 digest" is sent the check has already happened.
 */
export async function* pullModel(store: ModelStore, downloads: DownloadManager, name: ModelName, options: PullRequestOptions): AsyncGenerator<ProgressLine> {
  const previous = await store.readManifest(name).catch(() => undefined);
  const unused = new Set(previous ? referencedDigests(previous.manifest) : []);

  yield { status: "pulling manifest" };
  const base = registryBase(name, options.insecure, downloads.options.registryHosts);
  const client = new RegistryClient(options.signal);
  let remote: RemoteManifest;
  try {
    remote = await pullManifest(client, base, name);
  } catch (error) {
    if (isCancellation(error)) throw error;
    throw new Error(`pull model manifest: ${errorText(error)}`);
  }

  const layers = [...remote.manifest.layers, remote.manifest.config];
  const leases = new Map<string, DownloadLease>();
  const model = shortName(name);
  try {
    for (const layer of layers) {
      if (leases.has(layer.digest) || (await store.hasBlob(layer.digest))) continue;
      const source = { blobUrl: blobUrl(base, name, layer.digest), token: client.token, expectedSize: layer.size };
      leases.set(layer.digest, await downloads.acquire(layer.digest, model, source));
    }
    for (const layer of layers) {
      const lease = leases.get(layer.digest);
      if (!lease) {
        // Already on disk before this pull: one line, no request, no re-verification (a cache hit).
        const size = await store.blobSize(layer.digest);
        yield blobProgress("pulling", layer.digest, size, size);
        continue;
      }
      const { download } = lease;
      try {
        yield* progressUntil(
          download.done,
          () => blobProgress("pulling", download.digest, download.total, download.completed),
          () => blobProgress("pulling", download.digest, download.total, download.total),
          downloads.options.timings.progressIntervalMs,
          options.signal,
        );
      } catch (error) {
        if (error instanceof BlobDigestMismatchError) yield { status: "verifying sha256 digest" };
        throw error;
      }
    }

    yield { status: "verifying sha256 digest" };
    yield { status: "writing manifest" };
    await store.writeManifest(name, remote.raw);

    for (const digest of referencedDigests(remote.manifest)) unused.delete(digest);
    if (!options.noPrune && unused.size > 0) {
      yield { status: "removing unused layers" };
      try {
        await store.removeUnreferencedBlobs(unused);
      } catch (error) {
        yield { status: `couldn't remove unused layers: ${errorText(error)}` };
      }
    }
    yield { status: "success" };
  } finally {
    for (const lease of leases.values()) lease.release();
  }
}
