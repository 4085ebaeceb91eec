// The engine settings a user may edit in the UI. The engine reads its settings from the environment once
// at start (app/settings/settings.ts); these are stored in SQLite and turned into PADDOCK_* variables the
// next time the engine starts (storedSettingsEnv), so every change here takes effect on restart. A variable
// the user set in the real environment wins over the stored value.

import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { nanosToMs, parseGoDuration } from "../options/duration.js";
import { readEnv } from "../settings/env-value.js";
import { joinHostPort } from "../settings/host.js";
import { originProblem } from "../settings/origins.js";
import type { Settings } from "../settings/settings.js";

export interface EngineSettingValues {
  /** Where models are stored; an Ollama models folder works in place. */
  models_dir: string;
  /** Listen on every interface instead of loopback only. */
  expose: boolean;
  /** Extra CORS origins, on top of Ollama's defaults. */
  origins: string[];
  /** Default num_ctx; 0 means automatic. */
  context_length: number;
  /** Default keep-alive as a Go duration ("5m", "1h", "0", "-1" for forever). */
  keep_alive: string;
}

export type SettingKey = keyof EngineSettingValues;

export const SETTING_KEYS: readonly SettingKey[] = ["models_dir", "expose", "origins", "context_length", "keep_alive"];

/** The environment variable suffix behind each setting (PADDOCK_<suffix>, else OLLAMA_<suffix>). */
const ENV_SUFFIX: Record<SettingKey, string> = {
  models_dir: "MODELS",
  expose: "HOST",
  origins: "ORIGINS",
  context_length: "CONTEXT_LENGTH",
  keep_alive: "KEEP_ALIVE",
};

const DEFAULT_PORT = 11434;

/** Go duration or whole seconds, as PADDOCK_KEEP_ALIVE is read; Infinity for a negative (forever). */
export function keepAliveMs(text: string): number | undefined {
  try {
    const ns = parseGoDuration(text.trim());
    return ns < 0n ? Infinity : nanosToMs(ns);
  } catch {
    if (!/^[+-]?\d+$/.test(text.trim())) return undefined;
    const seconds = Number(text.trim());
    return seconds < 0 ? Infinity : seconds * 1000;
  }
}

/** Milliseconds as a short Go-style duration: "5m", "1h30m", "45s", "0", or "-1" for forever. */
export function formatKeepAlive(ms: number): string {
  if (ms === Infinity || ms < 0) return "-1";
  if (ms === 0) return "0";
  let rest = ms;
  let text = "";
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  if (hours) text += `${hours}h`;
  if (minutes) text += `${minutes}m`;
  if (rest) text += `${rest / 1000}s`;
  return text;
}

function expandHome(value: string, home: string): string {
  if (value === "~") return home;
  if (value.startsWith("~/") || value.startsWith("~\\")) return path.join(home, value.slice(2));
  return value;
}

/** What PATCH /api/paddock/settings accepts: each key optional, null to go back to the default. */
export function settingsPatchSchema(home = os.homedir()) {
  return z.object({
    models_dir: z
      .string()
      .trim()
      .min(1, "models_dir must not be empty")
      .transform((value) => path.normalize(expandHome(value, home)))
      .refine((value) => path.isAbsolute(value), "models_dir must be an absolute path")
      .nullable()
      .optional(),
    expose: z.boolean().nullable().optional(),
    origins: z
      .array(z.string().trim().min(1, "an origin must not be empty"))
      .max(100)
      .superRefine((origins, context) => {
        for (const origin of origins) {
          const problem = originProblem(origin);
          if (problem) context.addIssue({ code: "custom", message: `origin ${JSON.stringify(origin)}: ${problem}` });
        }
      })
      .nullable()
      .optional(),
    context_length: z.number().int().min(0, "context_length must be 0 (automatic) or more").max(10_000_000).nullable().optional(),
    keep_alive: z
      .string()
      .trim()
      .refine((value) => keepAliveMs(value) !== undefined, "keep_alive must be a duration such as 5m, 1h, 0 or -1")
      .nullable()
      .optional(),
  }).strict();
}

export type SettingsPatch = z.output<ReturnType<typeof settingsPatchSchema>>;

/** Only the known keys with the right types; anything else in the table is ignored. */
export function storedEngineSettings(values: Record<string, unknown>): Partial<EngineSettingValues> {
  const stored: Partial<EngineSettingValues> = {};
  if (typeof values.models_dir === "string") stored.models_dir = values.models_dir;
  if (typeof values.expose === "boolean") stored.expose = values.expose;
  if (Array.isArray(values.origins) && values.origins.every((item) => typeof item === "string")) stored.origins = values.origins as string[];
  if (typeof values.context_length === "number") stored.context_length = values.context_length;
  if (typeof values.keep_alive === "string" && keepAliveMs(values.keep_alive) !== undefined) stored.keep_alive = values.keep_alive;
  return stored;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

/** The values the running engine uses. */
export function effectiveEngineSettings(settings: Settings): EngineSettingValues {
  return {
    models_dir: settings.modelsDir,
    expose: !isLoopback(settings.host),
    origins: [...settings.origins],
    context_length: settings.contextLengthAuto ? 0 : settings.contextLength,
    keep_alive: formatKeepAlive(settings.keepAliveMs),
  };
}

/** Which settings a real environment variable sets (it wins over the stored value): key → variable name. */
export function environmentOverrides(env: NodeJS.ProcessEnv): Partial<Record<SettingKey, string>> {
  const overrides: Partial<Record<SettingKey, string>> = {};
  for (const key of SETTING_KEYS) {
    const found = readEnv(env, ENV_SUFFIX[key]);
    if (found) overrides[key] = found.name;
  }
  return overrides;
}

function sameValue(key: SettingKey, stored: unknown, effective: unknown): boolean {
  if (key === "keep_alive") return keepAliveMs(String(stored)) === keepAliveMs(String(effective));
  if (key === "models_dir") return path.resolve(String(stored)) === path.resolve(String(effective));
  return JSON.stringify(stored) === JSON.stringify(effective);
}

/** Stored settings that differ from what the engine runs with and no variable overrides: they wait for a restart. */
export function pendingSettings(
  stored: Partial<EngineSettingValues>,
  effective: EngineSettingValues,
  overrides: Partial<Record<SettingKey, string>>,
): SettingKey[] {
  return SETTING_KEYS.filter((key) => stored[key] !== undefined && !overrides[key] && !sameValue(key, stored[key], effective[key]));
}

/**
 * The environment the engine should start with: the real one, plus a PADDOCK_* variable for each stored
 * setting that no PADDOCK_/OLLAMA_ variable already sets. Pass the result to readSettings().
 */
export function storedSettingsEnv(stored: Partial<EngineSettingValues>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...env };
  const overrides = environmentOverrides(env);
  const set = (key: SettingKey, value: string) => {
    if (!overrides[key]) merged[`PADDOCK_${ENV_SUFFIX[key]}`] = value;
  };
  if (stored.models_dir !== undefined) set("models_dir", stored.models_dir);
  if (stored.expose !== undefined) set("expose", joinHostPort(stored.expose ? "0.0.0.0" : "127.0.0.1", DEFAULT_PORT));
  if (stored.origins !== undefined && stored.origins.length > 0) set("origins", stored.origins.join(","));
  if (stored.context_length !== undefined) set("context_length", String(stored.context_length));
  if (stored.keep_alive !== undefined) set("keep_alive", stored.keep_alive);
  return merged;
}

/** Ollama's own models folder, offered in the UI as a one-click choice. */
export function ollamaModelsDir(home = os.homedir()): { path: string; exists: boolean } {
  const dir = path.join(home, ".ollama", "models");
  return { path: dir, exists: existsSync(dir) };
}
