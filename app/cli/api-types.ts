// The shapes of the engine's JSON that the CLI reads (spec §4, §5, §8, §15.1).
// Only the fields the commands use are listed.

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
  details?: ModelDetails;
  remote_model?: string;
}

export interface RunningModel {
  name: string;
  model: string;
  size: number;
  digest: string;
  expires_at: string;
  size_vram: number;
  context_length?: number;
}

export interface ChatMessage {
  role: string;
  content: string;
  thinking?: string;
  images?: string[];
  tool_calls?: ToolCall[];
}

export interface ToolCall {
  function: { name: string; arguments: Record<string, unknown> };
}

export interface ShowResponse {
  license?: string;
  modelfile?: string;
  parameters?: string;
  template?: string;
  system?: string;
  details?: ModelDetails;
  messages?: ChatMessage[];
  model_info?: Record<string, unknown>;
  projector_info?: Record<string, unknown>;
  tensors?: Array<{ name: string; type: string; shape: number[] }>;
  capabilities?: string[];
  requires?: string;
  remote_model?: string;
  remote_host?: string;
}

export interface Metrics {
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
}

export interface GenerateChunk extends Metrics {
  model: string;
  response: string;
  thinking?: string;
  done: boolean;
  done_reason?: string;
  context?: number[];
  tool_calls?: ToolCall[];
}

export interface ChatChunk extends Metrics {
  model: string;
  message: ChatMessage;
  done: boolean;
  done_reason?: string;
}

export interface ProgressUpdate {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

/** `think` as the API takes it: on/off or a level. */
export type ThinkValue = boolean | "low" | "medium" | "high" | "max";

export interface GenerateRequest {
  model: string;
  prompt?: string;
  system?: string;
  context?: number[];
  format?: unknown;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  think?: ThinkValue;
  images?: string[];
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  format?: unknown;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  think?: ThinkValue;
}
