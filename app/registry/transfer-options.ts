// The knobs of registry transfers. Defaults are Ollama's (server/download.go, upload.go); tests shrink
// the timings so that stalls, retries and multi-part splits happen in milliseconds instead of minutes.

export interface TransferTimings {
  /** How often a waiting client gets a progress line (Ollama: 60 ms). */
  progressIntervalMs: number;
  /** A part that receives no byte for this long is restarted without counting as a failed try (Ollama: 30 s). */
  stallTimeoutMs: number;
  /** Failed tries of one part before the pull gives up (Ollama: 6). */
  maxRetries: number;
  /** Sleep before retry n is base·2ⁿ (Ollama: 1 s, so 1, 2, 4, 8, 16, 32 s). */
  retryBaseDelayMs: number;
  /** How long resolving a blob's direct URL may keep retrying (Ollama: 30 s). */
  directUrlTimeoutMs: number;
  /** How often part progress is saved to -partial-N while bytes flow, so a killed engine resumes close to where it was. */
  persistIntervalMs: number;
}

export interface PartSizing {
  /** Ollama splits a blob into total/16 bytes per part... */
  parts: number;
  /** ...but never less than 100 MB (decimal)... */
  minPartBytes: number;
  /** ...nor more than 1000 MB. */
  maxPartBytes: number;
  /** At most this many parts download at once. */
  concurrency: number;
  /** With several connections, each request asks for a slice this big (or total/256 if larger), taken in blob order. */
  sliceBytes: number;
}

export interface TransferOptions {
  timings: TransferTimings;
  sizing: PartSizing;
  /**
   * Registry hosts answered by another base URL, e.g. {"hf.co": "http://127.0.0.1:5000"}. Names keep their
   * host (the manifest is stored under manifests/hf.co/...); only the requests go elsewhere. Used by tests
   * and usable for mirrors.
   */
  registryHosts: Record<string, string>;
}

export const DEFAULT_TIMINGS: TransferTimings = {
  progressIntervalMs: 60,
  stallTimeoutMs: 30_000,
  maxRetries: 6,
  retryBaseDelayMs: 1_000,
  directUrlTimeoutMs: 30_000,
  persistIntervalMs: 1_000,
};

const MEGABYTE = 1_000_000;

export const DEFAULT_SIZING: PartSizing = {
  parts: 16,
  minPartBytes: 100 * MEGABYTE,
  maxPartBytes: 1_000 * MEGABYTE,
  concurrency: 16,
  sliceBytes: 8 * 1024 * 1024,
};

export function defaultTransferOptions(): TransferOptions {
  return { timings: { ...DEFAULT_TIMINGS }, sizing: { ...DEFAULT_SIZING }, registryHosts: {} };
}
