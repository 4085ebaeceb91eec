// Every engine setting, read once from the environment (§15.4, §17). Each
// PADDOCK_X falls back to OLLAMA_X; invalid values fall back to defaults and
// leave a line in `warnings` for the server to log.

import os from 'node:os';
import path from 'node:path';
import { nanosToMs, parseGoDuration } from '../options/duration.js';
import { goParseBool, goParseInt, goParseUint } from '../options/go-compat/parse-number.js';
import { readEnv, type EnvValue } from './env-value.js';
import { parseHostSetting } from './host.js';
import { allowedOrigins, parseOrigins } from './origins.js';

export { allowedOrigins };

export type LogLevel = 'info' | 'debug' | 'trace';

export interface Settings {
  /** Listen host without brackets; '' means every interface (`:1234`). */
  host: string;
  port: number;
  /** URL scheme of the HOST value (`http` unless given). */
  scheme: string;
  /** URL a local client reaches the server at (0.0.0.0 / :: / '' become loopback). */
  baseUrl: string;
  modelsDir: string;
  /** Default keep-alive; Infinity means never unload, 0 unload at once. */
  keepAliveMs: number;
  /** How long a stalled load may take; Infinity means never give up. */
  loadTimeoutMs: number;
  /** The user's extra CORS origins only; allowedOrigins() adds Ollama's defaults. */
  origins: string[];
  numParallel: number;
  maxQueue: number;
  /** Resolved: 0 (auto) becomes 3, Ollama's CPU value. */
  maxLoadedModels: number;
  /** Resolved default num_ctx: the variable when non-zero, else 4096 (Ollama's tier below 23 GiB VRAM, CPU included). */
  contextLength: number;
  /** True when contextLength is the automatic default rather than a configured value. */
  contextLengthAuto: boolean;
  noPrune: boolean;
  debug: boolean;
  logLevel: LogLevel;
  /** PADDOCK_MAX_MEMORY only (bytes): how much memory loaded models may take together; unset means RAM less 1 GiB. */
  maxMemoryBytes?: number;
  /** PADDOCK_UI_DIR only: where the built UI served at /app/ lives (found automatically when unset). */
  uiDir?: string;
  /** PADDOCK_API_KEY only: Ollama has no such setting. */
  apiKey?: string;
  warnings: string[];
}

const DEFAULT_HOST = '127.0.0.1:11434';
const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;
const DEFAULT_LOAD_TIMEOUT_MS = 5 * 60_000;
const AUTO_MAX_LOADED_MODELS = 3;
const AUTO_CONTEXT_LENGTH = 4096;

/** envconfig.Uint: a non-negative decimal integer, else the default with a warning. */
function readUint(env: NodeJS.ProcessEnv, suffix: string, fallback: number, warnings: string[]): number {
  const found = readEnv(env, suffix);
  if (!found) return fallback;
  const n = goParseUint(found.value);
  if (n === undefined) {
    warnings.push(`invalid environment variable ${found.name}=${JSON.stringify(found.value)}, using default ${fallback}`);
    return fallback;
  }
  return Number(n);
}

/** envconfig.Bool: ParseBool, and any other non-empty value means true. */
function readBool(env: NodeJS.ProcessEnv, suffix: string): boolean {
  const found = readEnv(env, suffix);
  if (!found) return false;
  return goParseBool(found.value) ?? true;
}

/**
 * envconfig.KeepAlive / LoadTimeout: a Go duration, else integer seconds,
 * else the default. Ollama falls back silently; Paddock also warns.
 */
function readDurationMs(found: EnvValue | undefined, fallbackMs: number, warnings: string[]): number {
  if (!found) return fallbackMs;
  try {
    const ns = parseGoDuration(found.value);
    return ns < 0n ? -1 : nanosToMs(ns);
  } catch {
    const seconds = goParseInt(found.value);
    if (seconds !== undefined) return Number(seconds) * 1000;
    warnings.push(`invalid duration ${found.name}=${JSON.stringify(found.value)}, using default ${fallbackMs / 1000}s`);
    return fallbackMs;
  }
}

/** envconfig.LogLevel: true/1 → debug, 2 (or more) → trace, anything else → info. */
function readLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  const found = readEnv(env, 'DEBUG');
  if (!found) return 'info';
  if (goParseBool(found.value) === true) return 'debug';
  const level = goParseInt(found.value) ?? 0n;
  if (level >= 2n) return 'trace';
  return level === 1n ? 'debug' : 'info';
}

export function readSettings(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Settings {
  const warnings: string[] = [];

  const hostSetting = parseHostSetting(readEnv(env, 'HOST')?.value ?? DEFAULT_HOST);
  if (hostSetting.warning) warnings.push(`${readEnv(env, 'HOST')?.name ?? 'HOST'}: ${hostSetting.warning}`);

  const keepAlive = readDurationMs(readEnv(env, 'KEEP_ALIVE'), DEFAULT_KEEP_ALIVE_MS, warnings);
  const loadTimeout = readDurationMs(readEnv(env, 'LOAD_TIMEOUT'), DEFAULT_LOAD_TIMEOUT_MS, warnings);

  const originsVar = readEnv(env, 'ORIGINS');
  const origins = originsVar ? parseOrigins(originsVar.value, originsVar.name) : { origins: [], warnings: [] };
  warnings.push(...origins.warnings);

  // Ollama forces at least one slot per model.
  const numParallel = Math.max(readUint(env, 'NUM_PARALLEL', 1, warnings), 1);
  const maxQueue = readUint(env, 'MAX_QUEUE', 512, warnings);
  const maxLoadedModels = readUint(env, 'MAX_LOADED_MODELS', 0, warnings) || AUTO_MAX_LOADED_MODELS;
  const contextLengthVar = readUint(env, 'CONTEXT_LENGTH', 0, warnings);

  const logLevel = readLogLevel(env);
  const apiKey = readEnv(env, 'API_KEY', ['PADDOCK_'])?.value;
  const uiDir = readEnv(env, 'UI_DIR', ['PADDOCK_'])?.value;
  const maxMemory = readUint(env, 'MAX_MEMORY', 0, warnings);

  return {
    host: hostSetting.host,
    port: hostSetting.port,
    scheme: hostSetting.scheme,
    baseUrl: hostSetting.baseUrl,
    modelsDir: readEnv(env, 'MODELS')?.value ?? path.join(home, '.paddock', 'models'),
    // Negative means forever in both settings; LOAD_TIMEOUT also treats 0 as forever.
    keepAliveMs: keepAlive < 0 ? Infinity : keepAlive,
    loadTimeoutMs: loadTimeout <= 0 ? Infinity : loadTimeout,
    origins: origins.origins,
    numParallel,
    maxQueue,
    maxLoadedModels,
    contextLength: contextLengthVar || AUTO_CONTEXT_LENGTH,
    contextLengthAuto: contextLengthVar === 0,
    noPrune: readBool(env, 'NOPRUNE'),
    debug: logLevel !== 'info',
    logLevel,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(uiDir !== undefined ? { uiDir } : {}),
    ...(maxMemory > 0 ? { maxMemoryBytes: maxMemory } : {}),
    warnings,
  };
}
