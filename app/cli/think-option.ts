import type { ThinkValue } from "./api-types.js";

const LEVELS = ["high", "medium", "low", "max"] as const;

/** The --think flag: bare or `true` → on, `false` → off, or a level. */
export function parseThinkFlag(value: string | boolean): ThinkValue {
  if (value === true || value === "" || value === "true") return true;
  if (value === false || value === "false") return false;
  if ((LEVELS as readonly string[]).includes(value)) return value as ThinkValue;
  throw new Error(`invalid value for --think: "${value}" (must be true, false, high, medium, low, or max)`);
}

/** Thinking is switched on for models that can think, unless the user chose. */
export function inferThink(capabilities: string[], current: ThinkValue | undefined, setByUser: boolean): ThinkValue | undefined {
  if (setByUser) return current;
  return capabilities.includes("thinking") ? true : undefined;
}
