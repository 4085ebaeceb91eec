/** The parts of native replies the compatibility layers read; everything is optional on the wire. */

export interface NativeToolCall {
  id?: string;
  function: { index?: number; name: string; arguments?: Record<string, unknown> };
}

export interface NativeLogprob {
  token: string;
  logprob: number;
  bytes?: number[];
  top_logprobs?: Array<{ token: string; logprob: number; bytes?: number[] }>;
}

interface NativeMetrics {
  model: string;
  created_at?: string;
  done: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  logprobs?: NativeLogprob[];
  _debug_info?: unknown;
}

export interface NativeChatReply extends NativeMetrics {
  message: { role: string; content: string; thinking?: string; tool_calls?: NativeToolCall[] };
}

export interface NativeGenerateReply extends NativeMetrics {
  response: string;
  thinking?: string;
}

export interface NativeEmbedReply {
  model: string;
  embeddings: number[][];
  prompt_eval_count?: number;
}

/** The native request body for /api/chat, as the adapters build it. */
export interface NativeChatRequest {
  model?: string;
  messages: NativeMessage[];
  stream: boolean;
  format?: unknown;
  options: Record<string, unknown>;
  tools?: unknown[];
  think?: boolean | string;
  logprobs?: boolean;
  top_logprobs?: number;
  _debug_render_only?: boolean;
}

export interface NativeMessage {
  role: string;
  content: string;
  thinking?: string;
  images?: string[];
  tool_calls?: NativeToolCall[];
  tool_name?: string;
  tool_call_id?: string;
}
