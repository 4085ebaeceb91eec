// Typing of Modelfile `PARAMETER key value` lines (api.FormatParams as called
// by parser.CreateRequest, §14.2). Also usable for string-valued parameters.

import { float32Shortest } from './go-compat/format-float.js';
import { goParseBool, goParseFloat, goParseInt } from './go-compat/parse-number.js';
import { OptionError } from './option-error.js';
import { DEPRECATED_PARAMETERS, OPTION_KINDS, isOptionKey } from './option-table.js';

/** What a parameter holds once typed: the JSON value stored in the params layer. */
export type ParameterValue = number | boolean | string | string[];

const PARAMETER_ERROR_STATUS = 400;

// Go prints the one-element []string with %s, hence the brackets.
function invalidValue(kind: string, value: string): OptionError {
  return new OptionError(`invalid ${kind} value [${value}]`, PARAMETER_ERROR_STATUS);
}

function parseFloat32(value: string): number {
  const parsed = goParseFloat(value);
  // Go accepts inf/nan here, but they cannot be written into the JSON create
  // request (Ollama's client then fails), so they are refused up front.
  if (parsed === undefined || !Number.isFinite(parsed)) throw invalidValue('float', value);
  const f32 = float32Shortest(parsed);
  // Beyond float32's range Go's ParseFloat(s, 32) reports ErrRange.
  if (!Number.isFinite(f32)) throw invalidValue('float', value);
  return f32;
}

/**
 * Types one PARAMETER value. Returns undefined for a deprecated parameter,
 * which Ollama drops after printing `warning: parameter <key> is deprecated`.
 * `stop` yields a one-element array; use addModelfileParameter to accumulate.
 * Throws OptionError (400): `unknown parameter 'k'`, `invalid float value [v]`,
 * `invalid int value [v]`, `invalid bool value [v]`.
 */
export function parseModelfileParameter(key: string, value: string): ParameterValue | undefined {
  if (DEPRECATED_PARAMETERS.includes(key)) return undefined;
  if (!isOptionKey(key)) throw new OptionError(`unknown parameter '${key}'`, PARAMETER_ERROR_STATUS);

  switch (OPTION_KINDS[key]) {
    case 'float':
      return parseFloat32(value);
    case 'int': {
      const n = goParseInt(value);
      if (n === undefined) throw invalidValue('int', value);
      return Number(n);
    }
    case 'bool': {
      const b = goParseBool(value);
      if (b === undefined) throw invalidValue('bool', value);
      return b;
    }
    case 'strings':
      return [value];
  }
}

/**
 * Types a PARAMETER line and stores it: list values (`stop`) accumulate,
 * anything else is replaced by the last line. Returns false when the key
 * was deprecated and dropped (the caller prints the warning).
 */
export function addModelfileParameter(
  params: Record<string, ParameterValue>,
  key: string,
  value: string,
): boolean {
  const typed = parseModelfileParameter(key, value);
  if (typed === undefined) return false;
  const existing = params[key];
  params[key] = Array.isArray(existing) && Array.isArray(typed) ? [...existing, ...typed] : typed;
  return true;
}
