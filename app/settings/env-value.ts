// Reading one variable the way Ollama's envconfig.Var does, with Paddock's
// own name taking precedence over the Ollama twin.

import { goTrimSpace } from '../options/go-compat/trim-space.js';

export interface EnvValue {
  /** The variable the value came from, for warnings. */
  name: string;
  value: string;
}

/** envconfig.Var: surrounding whitespace, then surrounding `"`/`'` characters, removed. */
export function cleanEnvValue(raw: string | undefined): string {
  return goTrimSpace(raw ?? '').replace(/^["']+/, '').replace(/["']+$/, '');
}

/**
 * PADDOCK_<suffix>, else OLLAMA_<suffix>. A variable that is empty after
 * cleaning counts as unset, as it does for Ollama.
 */
export function readEnv(env: NodeJS.ProcessEnv, suffix: string, names = ['PADDOCK_', 'OLLAMA_']): EnvValue | undefined {
  for (const prefix of names) {
    const name = prefix + suffix;
    const value = cleanEnvValue(env[name]);
    if (value !== '') return { name, value };
  }
  return undefined;
}
