import { basename } from "node:path";
import { isValidModelName } from "../../app/names/model-name.js";

const MAX_MODEL_PART = 80;

/**
 * A model name to offer for an imported file: "Llama-3.2-1B-Instruct-Q4_K_M.gguf" → "llama-3.2-1b-instruct-q4_k_m".
 * Lower case because Ollama treats names case-insensitively and lists them as typed; characters a name
 * may not hold become "-". The user can still change it before importing.
 */
export function modelNameFromFile(path: string): string {
  const stem = basename(path).replace(/\.gguf$/i, "");
  const cleaned = stem
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/^[^a-z0-9_]+/, "")
    .slice(0, MAX_MODEL_PART)
    .replace(/[.-]+$/, "");
  return cleaned && isValidModelName(cleaned) ? cleaned : "imported-model";
}
