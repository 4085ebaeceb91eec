/** The per-chat options the settings panel offers: Ollama option names with a label and limits. */
export interface OptionField {
  key: string;
  label: string;
  step: number;
  min?: number;
  max?: number;
  integer?: boolean;
  hint: string;
}

export const OPTION_FIELDS: readonly OptionField[] = [
  { key: "temperature", label: "Temperature", step: 0.05, min: 0, max: 2, hint: "Higher is more varied, lower more focused" },
  { key: "top_p", label: "Top P", step: 0.05, min: 0, max: 1, hint: "Nucleus sampling" },
  { key: "top_k", label: "Top K", step: 1, min: 0, integer: true, hint: "Sample from the K likeliest tokens" },
  { key: "repeat_penalty", label: "Repeat penalty", step: 0.05, min: 0, hint: "Discourages repeating itself" },
  { key: "num_ctx", label: "Context length", step: 256, min: 1, integer: true, hint: "Tokens the model can see" },
  { key: "num_predict", label: "Max answer tokens", step: 1, min: -2, integer: true, hint: "-1 for no limit" },
  { key: "seed", label: "Seed", step: 1, integer: true, hint: "Same seed, same answer" },
];
