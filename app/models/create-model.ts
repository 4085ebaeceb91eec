import { z } from "zod";
import { readGguf } from "../gguf/gguf-reader.js";
import { modelFacts, type ModelFacts } from "../gguf/model-facts.js";
import { parseModelName, shortName, type ModelName } from "../names/model-name.js";
import { ApiError } from "../server/api-error.js";
import { isDigest } from "../store/digest.js";
import { MEDIA_TYPES, referencedDigests, type Layer, type Manifest, type ModelConfig } from "../store/manifest.js";
import type { ModelStore } from "../store/model-store.js";
import { readModelRecord } from "../store/model-record.js";
import { parseTemplate, TemplateError } from "../template/go-template/index.js";

export interface ProgressLine {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

const messageSchema = z.object({ role: z.string(), content: z.string() }).passthrough();

export const createRequestSchema = z.object({
  model: z.string().nullish(),
  name: z.string().nullish(),
  from: z.string().nullish(),
  files: z.record(z.string(), z.string()).nullish(),
  adapters: z.record(z.string(), z.string()).nullish(),
  template: z.string().nullish(),
  system: z.string().nullish(),
  license: z.union([z.string(), z.array(z.string())]).nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  messages: z.array(messageSchema).nullish(),
  quantize: z.string().nullish(),
  quantization: z.string().nullish(),
  renderer: z.string().nullish(),
  parser: z.string().nullish(),
  requires: z.string().nullish(),
  stream: z.boolean().nullish(),
});

export type CreateRequest = z.output<typeof createRequestSchema>;

interface ModelFile {
  digest: string;
  size: number;
  facts: ModelFacts;
  isProjector: boolean;
}

/** A relative path inside the upload: no absolute paths, no "..", nothing empty. */
function isRelativeFilePath(path: string): boolean {
  if (path === "" || path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:/.test(path)) return false;
  return path.split(/[\\/]/).every((part) => part !== "" && part !== "." && part !== "..");
}

/** Everything that can be refused with a 4xx is checked here, before any status line is sent. */
export async function planCreate(store: ModelStore, request: CreateRequest) {
  const name = parseModelName(request.model || request.name || "");
  if (!name) throw new ApiError(400, "invalid model name");
  for (const [path, digest] of Object.entries({ ...request.files, ...request.adapters })) {
    if (!isRelativeFilePath(path)) throw new ApiError(400, "file path must be relative");
    if (digest === "") throw new ApiError(400, "invalid digest format");
    if (!isDigest(digest)) throw new ApiError(400, "invalid digest format");
  }
  const files = request.files ?? undefined;
  if (!request.from && !files) throw new ApiError(400, "neither 'from' or 'files' was specified");
  if (files && Object.keys(files).length === 0) throw new ApiError(400, "no files provided to convert");
  if (request.adapters && Object.keys(request.adapters).length > 0) throw new ApiError(400, "adapters are not supported yet");
  const quantize = request.quantize || request.quantization;
  if (quantize) throw new ApiError(400, `quantization to ${quantize} is not supported yet`);
  if (request.template) {
    try {
      parseTemplate(request.template);
    } catch (error) {
      if (error instanceof TemplateError) throw new ApiError(400, `template error: ${error.message}`);
      throw error;
    }
  }
  let fromName: ModelName | undefined;
  if (request.from && !files) {
    fromName = parseModelName(request.from);
    if (!fromName) throw new ApiError(400, "invalid model name");
  }
  const modelFiles: ModelFile[] = [];
  for (const [path, digest] of Object.entries(files ?? {})) {
    if (!(await store.hasBlob(digest))) {
      if (!path.toLowerCase().endsWith(".gguf")) throw new ApiError(400, "unknown type");
      throw new ApiError(500, `open ${store.blobPath(digest)}: no such file or directory`);
    }
    let facts: ModelFacts;
    try {
      facts = modelFacts(await readGguf(store.blobPath(digest), { maxArrayLength: 64 }));
    } catch {
      if (path.toLowerCase().endsWith(".gguf")) throw new ApiError(400, "supplied file was not in GGUF format");
      throw new ApiError(400, "unknown type");
    }
    modelFiles.push({ digest, size: await store.blobSize(digest), facts, isProjector: facts.family === "clip" });
  }
  if (files && !modelFiles.some((file) => !file.isProjector)) throw new ApiError(400, "supplied file was not in GGUF format");
  return { name, fromName, modelFiles };
}

function configFromFacts(facts: ModelFacts, base?: Partial<ModelConfig>): ModelConfig {
  return {
    ...base,
    model_format: "gguf",
    model_family: facts.family,
    model_families: [facts.family],
    model_type: facts.parameterSize,
    file_type: facts.quantizationLevel,
    architecture: base?.architecture || "amd64",
    os: base?.os || "linux",
  };
}

/** Builds the new manifest from a base model or uploaded GGUF blobs plus the request's layers. */
export async function* createModel(
  store: ModelStore,
  request: CreateRequest,
  plan: Awaited<ReturnType<typeof planCreate>>,
  pullBase?: (name: ModelName) => AsyncIterable<ProgressLine>,
): AsyncGenerator<ProgressLine> {
  let layers: Layer[] = [];
  let config: Partial<ModelConfig> = {};
  let params: Record<string, unknown> = {};
  if (plan.fromName) {
    let base = await store.readManifest(await store.resolveExisting(plan.fromName));
    if (!base) {
      if (!pullBase) {
        yield { status: "pulling manifest" };
        throw new ApiError(500, "pull model manifest: file does not exist");
      }
      yield* pullBase(plan.fromName);
      base = await store.readManifest(plan.fromName);
      if (!base) throw new ApiError(500, "pull model manifest: file does not exist");
    }
    const record = await readModelRecord(store, base);
    const parent = shortName(base.name);
    layers = base.manifest.layers.map((layer) => ({ ...layer, from: parent }));
    config = record.config;
    params = record.params;
  }
  for (const file of plan.modelFiles) {
    yield { status: "parsing GGUF" };
    layers.push({ mediaType: file.isProjector ? MEDIA_TYPES.projector : MEDIA_TYPES.model, digest: file.digest, size: file.size });
    if (!file.isProjector) config = configFromFacts(file.facts, config);
  }

  const created = new Set<string>();
  const storeText = async (content: string) => {
    const blob = await store.writeBlob(content);
    if (!blob.existed) created.add(blob.digest);
    return blob;
  };
  const replaceLayer = async (mediaTypes: string[], content: string | undefined) => {
    layers = layers.filter((layer) => !mediaTypes.includes(layer.mediaType));
    if (content === undefined) return;
    const blob = await storeText(content);
    layers.push({ mediaType: mediaTypes[0], digest: blob.digest, size: blob.size });
  };
  if (request.template != null) await replaceLayer([MEDIA_TYPES.template, MEDIA_TYPES.prompt], request.template);
  if (request.system != null) await replaceLayer([MEDIA_TYPES.system], request.system);
  for (const license of typeof request.license === "string" ? [request.license] : (request.license ?? [])) {
    const blob = await storeText(license);
    layers.push({ mediaType: MEDIA_TYPES.license, digest: blob.digest, size: blob.size });
  }
  if (request.parameters && Object.keys(request.parameters).length > 0) {
    await replaceLayer([MEDIA_TYPES.params], JSON.stringify({ ...params, ...request.parameters }));
  }
  if (request.messages && request.messages.length > 0) {
    await replaceLayer([MEDIA_TYPES.messages], JSON.stringify(request.messages));
  }

  const finalConfig: ModelConfig = {
    model_format: config.model_format ?? "",
    model_family: config.model_family ?? "",
    model_families: config.model_families ?? null,
    model_type: config.model_type ?? "",
    file_type: config.file_type ?? "",
    ...config,
    ...(request.renderer ? { renderer: request.renderer } : {}),
    ...(request.parser ? { parser: request.parser } : {}),
    ...(request.requires ? { requires: request.requires } : {}),
    architecture: config.architecture || "amd64",
    os: config.os || "linux",
    rootfs: { type: "layers", diff_ids: layers.map((layer) => layer.digest) },
  };
  const configBlob = await store.writeBlob(JSON.stringify(finalConfig));
  for (const layer of layers) {
    yield { status: `${created.has(layer.digest) ? "creating new" : "using existing"} layer ${layer.digest}` };
  }
  yield { status: "writing manifest" };
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.manifest,
    config: { mediaType: MEDIA_TYPES.config, digest: configBlob.digest, size: configBlob.size },
    layers,
  };
  const previous = await store.readManifest(plan.name).catch(() => undefined);
  await store.writeManifest(plan.name, manifest);
  if (previous) {
    const kept = new Set(referencedDigests(manifest));
    await store.removeUnreferencedBlobs(referencedDigests(previous.manifest).filter((digest) => !kept.has(digest)));
  }
  yield { status: "success" };
}
