import { z } from "zod";

export const MEDIA_TYPES = {
  manifest: "application/vnd.docker.distribution.manifest.v2+json",
  config: "application/vnd.docker.container.image.v1+json",
  model: "application/vnd.ollama.image.model",
  projector: "application/vnd.ollama.image.projector",
  adapter: "application/vnd.ollama.image.adapter",
  template: "application/vnd.ollama.image.template",
  prompt: "application/vnd.ollama.image.prompt",
  system: "application/vnd.ollama.image.system",
  params: "application/vnd.ollama.image.params",
  messages: "application/vnd.ollama.image.messages",
  license: "application/vnd.ollama.image.license",
  draft: "application/vnd.ollama.image.draft",
} as const;

const layerSchema = z.object({
  mediaType: z.string(),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  from: z.string().optional(),
  name: z.string().optional(),
});

export const manifestSchema = z.object({
  schemaVersion: z.number(),
  mediaType: z.string().optional(),
  config: layerSchema,
  layers: z.array(layerSchema),
});

export type Layer = z.infer<typeof layerSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

/** Ollama's ConfigV2: the fields written even when empty come first. */
export interface ModelConfig {
  model_format: string;
  model_family: string;
  model_families: string[] | null;
  model_type: string;
  file_type: string;
  renderer?: string;
  parser?: string;
  requires?: string;
  capabilities?: string[];
  context_length?: number;
  embedding_length?: number;
  architecture: string;
  os: string;
  rootfs?: { type: string; diff_ids: string[] };
}

export function parseManifest(raw: Uint8Array): Manifest {
  return manifestSchema.parse(JSON.parse(Buffer.from(raw).toString("utf8")));
}

/** Compact JSON plus a newline, as Go's json.Encoder writes it. */
export function serializeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest)}\n`);
}

export function manifestSize(manifest: Manifest): number {
  return manifest.layers.reduce((sum, layer) => sum + layer.size, manifest.config.size);
}

export function referencedDigests(manifest: Manifest): string[] {
  return [manifest.config.digest, ...manifest.layers.map((layer) => layer.digest)];
}
