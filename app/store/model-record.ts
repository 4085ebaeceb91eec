import type { ModelName } from "../names/model-name.js";
import { MEDIA_TYPES, type Layer, type ModelConfig } from "./manifest.js";
import type { ModelStore, StoredManifest } from "./model-store.js";

export interface StoredMessage {
  role: string;
  content: string;
  [key: string]: unknown;
}

/** Everything a manifest's layers say about one model, read once per request. */
export interface ModelRecord {
  name: ModelName;
  stored: StoredManifest;
  config: Partial<ModelConfig>;
  modelLayer?: Layer;
  modelPath?: string;
  projectorPaths: string[];
  adapterPaths: string[];
  template?: string;
  system?: string;
  params: Record<string, unknown>;
  messages: StoredMessage[];
  licenses: string[];
}

export async function readModelRecord(store: ModelStore, stored: StoredManifest): Promise<ModelRecord> {
  const record: ModelRecord = {
    name: stored.name,
    stored,
    config: {},
    projectorPaths: [],
    adapterPaths: [],
    params: {},
    messages: [],
    licenses: [],
  };
  const configText = await store.readBlobText(stored.manifest.config.digest).catch(() => "{}");
  record.config = JSON.parse(configText) as Partial<ModelConfig>;
  for (const layer of stored.manifest.layers) {
    switch (layer.mediaType) {
      case MEDIA_TYPES.model:
        record.modelLayer = layer;
        record.modelPath = store.blobPath(layer.digest);
        break;
      case MEDIA_TYPES.projector:
        record.projectorPaths.push(store.blobPath(layer.digest));
        break;
      case MEDIA_TYPES.adapter:
        record.adapterPaths.push(store.blobPath(layer.digest));
        break;
      case MEDIA_TYPES.template:
      case MEDIA_TYPES.prompt:
        record.template = await store.readBlobText(layer.digest);
        break;
      case MEDIA_TYPES.system:
        record.system = await store.readBlobText(layer.digest);
        break;
      case MEDIA_TYPES.params:
        record.params = JSON.parse(await store.readBlobText(layer.digest)) as Record<string, unknown>;
        break;
      case MEDIA_TYPES.messages:
        record.messages = JSON.parse(await store.readBlobText(layer.digest)) as StoredMessage[];
        break;
      case MEDIA_TYPES.license:
        record.licenses.push(await store.readBlobText(layer.digest));
        break;
    }
  }
  return record;
}
