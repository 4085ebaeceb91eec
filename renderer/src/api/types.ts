// Shapes of the engine's HTTP API as the UI uses them: Ollama's API (§8) and Paddock's /api/paddock/ additions.

export interface ModelDetails {
  parent_model?: string;
  format?: string;
  family?: string;
  families?: string[] | null;
  parameter_size?: string;
  quantization_level?: string;
}

export interface ListedModel {
  name: string;
  model: string;
  modified_at: string;
  size: number;
  digest: string;
  details: ModelDetails;
  capabilities?: string[];
}

export interface RunningModel {
  name: string;
  model: string;
  size: number;
  digest: string;
  details: ModelDetails;
  expires_at: string;
  size_vram: number;
  context_length?: number;
}

export interface ShowResponse {
  license?: string;
  modelfile?: string;
  parameters?: string;
  template?: string;
  system?: string;
  details?: ModelDetails;
  model_info?: Record<string, unknown>;
  capabilities?: string[];
  modified_at?: string;
}

export interface ChatMessage {
  role: string;
  content: string;
  thinking?: string;
}

export type ChatOptions = Record<string, number | string | boolean | string[]>;

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  options?: ChatOptions;
  keep_alive?: string | number;
  think?: boolean;
}

/** The final chunk's timings, in nanoseconds, as Ollama sends them. */
export interface FinalStats {
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
  done_reason?: string;
}

export interface ChatChunk extends FinalStats {
  model: string;
  created_at: string;
  message?: ChatMessage;
  done: boolean;
}

/** A line of a pull or create stream. */
export interface ProgressLine {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

export interface DownloadView {
  model: string;
  digest: string;
  total: number;
  completed: number;
  speed: number;
  state: "downloading" | "paused" | "verifying" | "failed" | string;
  error?: string;
}

export interface CreateRequest {
  model: string;
  files?: Record<string, string>;
  from?: string;
  template?: string;
  system?: string;
  parameters?: Record<string, unknown>;
}

// --- Paddock's own endpoints -------------------------------------------------------------------------

export interface Conversation {
  id: string;
  title: string;
  model: string;
  system: string;
  options: ChatOptions;
  created_at: string;
  updated_at: string;
  message_count: number;
  snippet?: string;
}

/** What the UI keeps about an answer: the final chunk's stats plus its own timeline. */
export interface AnswerMetrics extends FinalStats {
  /** Milliseconds from sending the request to the first token, measured in the UI. */
  first_token_ms?: number;
  /** Arrival of each streamed piece, in ms since the request was sent (thinned to a few hundred). */
  token_ms?: number[];
  /** Milliseconds from sending to the final chunk. */
  wall_ms?: number;
}

export interface StoredMessage {
  id: string;
  role: string;
  content: string;
  thinking?: string;
  model?: string;
  metrics?: AnswerMetrics;
  created_at: string;
}

export interface ConversationWithMessages extends Conversation {
  messages: StoredMessage[];
}

export interface ConversationFields {
  title?: string;
  model?: string;
  system?: string;
  options?: ChatOptions;
}

export interface NewMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  thinking?: string;
  model?: string;
  metrics?: AnswerMetrics;
}

export interface EngineSettingValues {
  models_dir: string;
  expose: boolean;
  origins: string[];
  context_length: number;
  keep_alive: string;
}

export type SettingKey = keyof EngineSettingValues;

export interface EngineSettingsView {
  stored: Partial<EngineSettingValues>;
  effective: EngineSettingValues;
  environment: Partial<Record<SettingKey, string>>;
  pending: SettingKey[];
  data_dir: string;
  ollama_models_dir: { path: string; exists: boolean };
}

export type EngineSettingsPatch = { [K in SettingKey]?: EngineSettingValues[K] | null };
