import { parseModelReference, shortName, canonicalName, type ModelName } from "../names/model-name.js";
import { readGguf } from "../gguf/gguf-reader.js";
import { modelFacts, type ModelFacts } from "../gguf/model-facts.js";
import { parseTemplate, type GoTemplate } from "../template/go-template/index.js";
import { templateCapabilities } from "../template/chat-prompt.js";
import { ApiError } from "../server/api-error.js";
import type { ChatTemplateSource } from "../inference/prompt-builder.js";
import type { ModelStore, StoredManifest } from "../store/model-store.js";
import { readModelRecord, type ModelRecord } from "../store/model-record.js";

export type Capability = "completion" | "embedding" | "vision" | "tools" | "insert" | "thinking";

export interface NameErrors {
  /** The reply when the model field is empty (each endpoint words it differently). */
  missing: () => ApiError;
  invalid?: () => ApiError;
  notFound: (requested: string, name: ModelName) => ApiError;
}

export interface ModelDetails {
  parent_model: string;
  format: string;
  family: string;
  families: string[] | null;
  parameter_size: string;
  quantization_level: string;
}

/** Looks models up by name and derives what the API shows about them; GGUF facts are cached per blob. */
export class ModelCatalog {
  private readonly factsByDigest = new Map<string, Promise<ModelFacts>>();

  constructor(readonly store: ModelStore) {}

  parseName(requested: string, errors: Pick<NameErrors, "missing" | "invalid">): ModelName {
    if (requested.trim() === "") throw errors.missing();
    const parsed = parseModelReference(requested);
    if ("error" in parsed) throw errors.invalid?.() ?? new ApiError(parsed.status, parsed.error);
    if (parsed.cloud) throw new ApiError(403, "ollama cloud is disabled: remote model is unavailable");
    return parsed.name;
  }

  async find(name: ModelName): Promise<StoredManifest | undefined> {
    // The name as written is the usual case and costs one stat; the case-insensitive search only when it misses.
    return (await this.store.readManifest(name)) ?? this.store.readManifest(await this.store.resolveExisting(name));
  }

  /** Parses, resolves case-insensitively and reads a model, or throws the endpoint's own errors. */
  async resolve(requested: string, errors: NameErrors): Promise<ModelRecord> {
    const name = this.parseName(requested, errors);
    const stored = await this.find(name).catch(() => undefined);
    if (!stored) throw errors.notFound(requested, name);
    return readModelRecord(this.store, stored);
  }

  resolveStored(stored: StoredManifest): Promise<ModelRecord> {
    return readModelRecord(this.store, stored);
  }

  /** Where the chat formatting comes from: a request override, the Go TEMPLATE layer, or the GGUF's Jinja. */
  async templateSource(record: ModelRecord, facts: ModelFacts, override?: string): Promise<ChatTemplateSource> {
    const goTemplate = override || record.template;
    if (goTemplate !== undefined || !facts.chatTemplate || !record.modelPath) return { goTemplate };
    return { jinjaTemplate: facts.chatTemplate, ...(await this.specialTokens(record.modelPath)) };
  }

  private readonly specialTokenCache = new Map<string, Promise<{ bosToken?: string; eosToken?: string }>>();

  /** BOS and EOS as text for Jinja templates; needs the whole vocabulary, so it is read once per blob. */
  private specialTokens(modelPath: string): Promise<{ bosToken?: string; eosToken?: string }> {
    let cached = this.specialTokenCache.get(modelPath);
    if (!cached) {
      cached = readGguf(modelPath, { maxArrayLength: Infinity }).then((file) => {
        const tokens = file.metadata["tokenizer.ggml.tokens"];
        const token = (key: string) => {
          const id = file.metadata[key];
          return Array.isArray(tokens) && typeof id === "number" && typeof tokens[id] === "string" ? (tokens[id] as string) : undefined;
        };
        return { bosToken: token("tokenizer.ggml.bos_token_id"), eosToken: token("tokenizer.ggml.eos_token_id") };
      });
      this.specialTokenCache.set(modelPath, cached);
    }
    return cached;
  }

  facts(record: ModelRecord): Promise<ModelFacts | undefined> {
    const layer = record.modelLayer;
    if (!layer || !record.modelPath) return Promise.resolve(undefined);
    let cached = this.factsByDigest.get(layer.digest);
    if (!cached) {
      cached = readGguf(record.modelPath, { maxArrayLength: 64 }).then(modelFacts);
      cached.catch(() => this.factsByDigest.delete(layer.digest));
      this.factsByDigest.set(layer.digest, cached);
    }
    return cached;
  }

  /**
   * A model whose weights no longer read as GGUF (truncated, overwritten, not GGUF at all) fails the way a
   * load would, with the reason, rather than as "does not support generate" from the capability check.
   */
  async checkReadable(record: ModelRecord): Promise<void> {
    if (!record.modelPath) return;
    try {
      await this.facts(record);
    } catch (error) {
      throw new ApiError(500, `unable to load model: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  template(record: ModelRecord): GoTemplate | undefined {
    return record.template === undefined ? undefined : parseTemplate(record.template);
  }

  async capabilities(record: ModelRecord): Promise<Capability[]> {
    const facts = await this.facts(record).catch(() => undefined);
    const found = new Set<Capability>();
    if (facts) found.add(facts.hasPoolingType ? "embedding" : "completion");
    if (record.projectorPaths.length > 0) found.add("vision");
    let template: GoTemplate | undefined;
    try {
      template = this.template(record);
    } catch {
      template = undefined;
    }
    if (template) {
      const fromTemplate = templateCapabilities(template);
      if (fromTemplate.tools) found.add("tools");
      if (fromTemplate.insert) found.add("insert");
      if (fromTemplate.thinking) found.add("thinking");
    } else if (facts?.chatTemplate) {
      if (/tools|tool_call/.test(facts.chatTemplate)) found.add("tools");
      if (/<think>|enable_thinking|reasoning_content/.test(facts.chatTemplate)) found.add("thinking");
    }
    for (const extra of record.config.capabilities ?? []) found.add(extra as Capability);
    const order: Capability[] = ["completion", "tools", "insert", "vision", "thinking", "embedding"];
    return order.filter((capability) => found.has(capability));
  }

  /** Ollama's missing-capability error: "<full name> does not support <cap>". */
  async require(record: ModelRecord, needed: Capability[]): Promise<void> {
    const have = await this.capabilities(record);
    const missing = needed.filter((capability) => !have.includes(capability));
    if (missing.length > 0) {
      throw new ApiError(400, missing.map((capability) => `${canonicalName(record.name)} does not support ${capability}`).join("\n"));
    }
  }

  details(record: ModelRecord, facts?: ModelFacts): ModelDetails {
    const config = record.config;
    return {
      parent_model: record.modelLayer?.from ?? "",
      format: config.model_format || (facts ? "gguf" : ""),
      family: config.model_family || facts?.family || "",
      families: config.model_families ?? (facts?.family ? [facts.family] : null),
      parameter_size: config.model_type || facts?.parameterSize || "",
      quantization_level: config.file_type || facts?.quantizationLevel || "",
    };
  }

  displayName(record: ModelRecord): string {
    return shortName(record.name);
  }
}
