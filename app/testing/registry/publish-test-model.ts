import { readFile } from "node:fs/promises";
import { MEDIA_TYPES } from "../../store/manifest.js";
import { testModelPath } from "../test-model-file.js";
import type { PublishedModel, TestRegistry } from "./test-registry.js";

export interface TestModelLayers {
  /** Go template; a plain prompt pass-through unless given. */
  template?: string;
  params?: Record<string, unknown>;
  system?: string;
}

/**
 * Publishes the project's tiny GGUF plus template and params layers as "namespace/model:tag", the shape
 * of a library model: enough for a pulled model to answer /api/generate.
 */
export async function publishTestModel(registry: TestRegistry, reference: string, layers: TestModelLayers = {}): Promise<PublishedModel> {
  const gguf = await readFile(await testModelPath());
  return registry.publish(
    reference,
    [
      { mediaType: MEDIA_TYPES.model, data: gguf },
      { mediaType: MEDIA_TYPES.template, data: layers.template ?? "{{ .Prompt }}" },
      ...(layers.system ? [{ mediaType: MEDIA_TYPES.system, data: layers.system }] : []),
      { mediaType: MEDIA_TYPES.params, data: JSON.stringify(layers.params ?? { temperature: 0.7 }) },
    ],
    { model_family: "llama", model_families: ["llama"], model_type: "1M", file_type: "F32" },
  );
}
