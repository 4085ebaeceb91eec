// Options.FromMap (§10.3): type-checks a decoded `options` object. Ollama's
// errors surface from scheduling as generic errors, hence status 500.

import { goQuote } from './go-compat/quote.js';
import { OptionError } from './option-error.js';
import { OPTION_KINDS, isOptionKey, type ModelOptions } from './option-table.js';

export interface ParsedOptions {
  options: Partial<ModelOptions>;
  /** Keys Ollama does not know (including removed ones like `mirostat`); it logs and ignores them. */
  ignored: string[];
}

// Ollama answers these with 500 (they surface from its scheduler); the spec allows 400, which keeps 5xx
// for real server faults. The message is Ollama's.
const OPTION_ERROR_STATUS = 400;

function mustBe(key: string, what: string): OptionError {
  return new OptionError(`option ${goQuote(key)} must be ${what}`, OPTION_ERROR_STATUS);
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseOptions(raw: unknown): ParsedOptions {
  const parsed: ParsedOptions = { options: {}, ignored: [] };
  if (raw === undefined || raw === null) return parsed;
  if (!isPlainObject(raw)) {
    // Ollama never gets this far: the request decoder rejects it with a 400.
    throw new OptionError(
      `json: cannot unmarshal ${jsonKind(raw)} into Go value of type map[string]interface {}`,
      400,
    );
  }

  const out: Record<string, unknown> = parsed.options;
  for (const [key, value] of Object.entries(raw)) {
    if (!isOptionKey(key)) {
      parsed.ignored.push(key);
      continue;
    }
    // null leaves the lower layer's value in place rather than resetting it.
    if (value === null || value === undefined) continue;

    switch (OPTION_KINDS[key]) {
      case 'int':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw mustBe(key, 'of type integer');
        out[key] = Math.trunc(value) + 0; // + 0 turns -0 into 0, as Go's int64(-0.5) is 0
        break;
      case 'float':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw mustBe(key, 'of type float32');
        out[key] = value;
        break;
      case 'bool':
        if (typeof value !== 'boolean') throw mustBe(key, 'of type boolean');
        out[key] = value;
        break;
      case 'strings':
        if (!Array.isArray(value)) throw mustBe(key, 'of type array');
        if (!value.every((item): item is string => typeof item === 'string')) {
          throw mustBe(key, 'of an array of strings');
        }
        out[key] = [...value];
        break;
    }
  }
  return parsed;
}
