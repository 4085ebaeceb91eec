import type { Engine } from "../engine/engine.js";
import type { ModelFacts } from "../gguf/model-facts.js";
import type { ModelOptions } from "../options/options.js";
import { parseKeepAlive } from "../options/duration.js";
import type { Lease } from "../scheduler/scheduler.js";
import { ApiError } from "../server/api-error.js";
import type { ModelRecord } from "../store/model-record.js";
import { effectiveOptions, loadSettingsFor } from "./inference-options.js";

export interface PreparedRun {
  lease: Lease;
  options: ModelOptions;
  facts: ModelFacts;
}

/** Merges options, then gets a loaded runner and a parallel slot for the model (loading it if needed). */
export async function prepareRun(
  engine: Engine,
  record: ModelRecord,
  requestOptions: unknown,
  keepAlive: unknown,
  startedAt: bigint,
  signal: AbortSignal,
): Promise<PreparedRun> {
  const keepAliveMs = parseKeepAlive(keepAlive)?.ms;
  const options = effectiveOptions(engine.settings.contextLength, record.params, requestOptions);
  if (!record.modelPath || !record.modelLayer) throw new ApiError(404, `model "${engine.catalog.displayName(record)}" not found, try pulling it first`);
  let facts: ModelFacts | undefined;
  try {
    facts = await engine.catalog.facts(record);
  } catch (error) {
    throw new ApiError(500, `unable to load model: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!facts) throw new ApiError(500, "unable to load model");
  const lease = await engine.scheduler.acquire(
    {
      modelPath: record.modelPath,
      displayName: engine.catalog.displayName(record),
      digest: record.stored.digest,
      details: { ...engine.catalog.details(record, facts), parent_model: "" },
      fileBytes: record.modelLayer.size,
      kvBytesPerToken: facts.kvBytesPerToken,
      trainedContextLength: facts.contextLength,
    },
    loadSettingsFor(options, record.modelLayer.size),
    keepAliveMs,
    startedAt,
    signal,
  );
  return { lease, options, facts };
}
