import { createReadStream } from "node:fs";
import type { ProgressLine } from "../models/create-model.js";
import { namespaceModel, parseModelName, type ModelName } from "../names/model-name.js";
import type { Layer } from "../store/manifest.js";
import type { ModelStore } from "../store/model-store.js";
import { sleep } from "./abortable-sleep.js";
import { planParts } from "./partial-files.js";
import { blobProgress, progressUntil } from "./progress.js";
import type { RegistryClient } from "./registry-client.js";
import { blobUrl, uploadsUrl } from "./registry-url.js";
import { isCancellation, MaxRetriesError, RegistryNotFoundError } from "./transfer-errors.js";
import type { TransferOptions } from "./transfer-options.js";

function uploadLocation(response: Response, current: URL): URL {
  const location = response.headers.get("docker-upload-location") ?? response.headers.get("location");
  if (!location) throw new Error("registry sent no upload location");
  return new URL(location, current);
}

/**
 * Pushes one blob (§8.6): HEAD says whether the registry has it; otherwise an upload session is opened
 * (a cross-repository mount when the layer came from another model: 201 means nothing to send), the
 * bytes go up in PATCH parts of 100 MB–1 GB, and a PUT with ?digest= closes the session.
 */
export async function* uploadBlob(
  client: RegistryClient,
  store: ModelStore,
  base: URL,
  name: ModelName,
  layer: Layer,
  options: TransferOptions,
  signal: AbortSignal,
): AsyncGenerator<ProgressLine> {
  try {
    const head = await client.request({ method: "HEAD", url: blobUrl(base, name, layer.digest) });
    await head.body?.cancel().catch(() => {});
    yield blobProgress("pushing", layer.digest, layer.size, layer.size);
    return;
  } catch (error) {
    if (!(error instanceof RegistryNotFoundError)) throw error;
  }

  const start = uploadsUrl(base, name);
  const source = layer.from ? parseModelName(layer.from) : undefined;
  if (source) {
    start.searchParams.append("mount", layer.digest);
    start.searchParams.append("from", namespaceModel(source));
  }
  const opened = await client.request({ method: "POST", url: start });
  await opened.body?.cancel().catch(() => {});
  const total = await store.blobSize(layer.digest);
  if (opened.status === 201) {
    yield blobProgress("pushing", layer.digest, total, total);
    return;
  }

  let sent = 0;
  const work = (async () => {
    let location = uploadLocation(opened, start);
    const path = store.blobPath(layer.digest);
    for (const part of planParts(total, options.sizing)) {
      for (let failures = 0; ; ) {
        let partSent = 0;
        try {
          const response = await client.request({
            method: "PATCH",
            url: location,
            headers: {
              "content-type": "application/octet-stream",
              "content-length": String(part.Size),
              "content-range": `${part.Offset}-${part.Offset + part.Size - 1}`,
            },
            body: () =>
              (async function* () {
                for await (const chunk of createReadStream(path, { start: part.Offset, end: part.Offset + part.Size - 1 })) {
                  partSent += (chunk as Buffer).length;
                  sent += (chunk as Buffer).length;
                  yield chunk as Buffer;
                }
              })(),
          });
          await response.body?.cancel().catch(() => {});
          location = uploadLocation(response, location);
          break;
        } catch (error) {
          sent -= partSent;
          if (isCancellation(error) || signal.aborted) throw error;
          failures++;
          if (failures >= options.timings.maxRetries) throw new MaxRetriesError(error);
          await sleep(options.timings.retryBaseDelayMs * 2 ** (failures - 1), signal);
        }
      }
    }
    const finish = new URL(location);
    finish.searchParams.append("digest", layer.digest);
    const closed = await client.request({
      method: "PUT",
      url: finish,
      headers: { "content-type": "application/octet-stream", "content-length": "0" },
    });
    await closed.body?.cancel().catch(() => {});
  })();
  work.catch(() => {});
  yield* progressUntil(
    work,
    () => blobProgress("pushing", layer.digest, total, sent),
    () => blobProgress("pushing", layer.digest, total, total),
    options.timings.progressIntervalMs,
    signal,
  );
}
