/** "llama3.2" → "llama3.2:latest": names compare equal with or without the default tag. */
export function withTag(name: string): string {
  const trimmed = name.trim();
  const lastSlash = trimmed.lastIndexOf("/");
  return trimmed.slice(lastSlash + 1).includes(":") ? trimmed : `${trimmed}:latest`;
}

/** A model name from a GGUF file name: "Llama-3.2-1B.Q4_K_M.gguf" → "llama-3.2-1b.q4_k_m". */
export function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.gguf$/i, "").toLowerCase();
  return base.replace(/[^a-z0-9._-]+/g, "-").replace(/^[-._]+|[-._]+$/g, "") || "imported";
}

/** Models small enough for a first try on a laptop, offered by name (pulled only when the user asks). */
export const SUGGESTED_MODELS = [
  { name: "llama3.2:1b", note: "Meta · 1.3 GB" },
  { name: "qwen2.5:0.5b", note: "Alibaba · 400 MB" },
  { name: "gemma3:1b", note: "Google · 815 MB" },
];
