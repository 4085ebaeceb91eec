// Rendering stored parameters (the params layer, decoded from JSON) the way
// Ollama prints them: /api/show `parameters` uses `%-30s %#v`, the generated
// Modelfile uses `%v`. One line per list item in both.

import { goFormatFloat } from './go-compat/format-float.js';
import { goQuote } from './go-compat/quote.js';

const KEY_WIDTH = 30;

/** `%#v` of a value decoded by encoding/json into `any`. */
function goSyntax(value: unknown, nested: boolean): string {
  if (value === null || value === undefined) return nested ? 'interface {}(nil)' : '<nil>';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goFormatFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return `[]interface {}{${value.map((item) => goSyntax(item, true)).join(', ')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const body = entries.map(([k, v]) => `${goQuote(k)}:${goSyntax(v, true)}`).join(', ');
    return `map[string]interface {}{${body}}`;
  }
  return String(value);
}

/** `%v` of a value decoded by encoding/json into `any`. */
function goPlain(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFormatFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goPlain).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goPlain(v)}`).join(' ')}]`;
  }
  return String(value);
}

function expand(params: Record<string, unknown>): Array<[string, unknown]> {
  const pairs: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) pairs.push([key, item]);
    else pairs.push([key, value]);
  }
  return pairs;
}

/**
 * The /api/show `parameters` text: `key` padded to 30 columns, a space, then
 * the Go-syntax value (`"quoted"` strings, bare numbers as Go prints float64,
 * e.g. `1e+06`). Lines joined by "\n", no trailing newline. Ollama iterates a
 * Go map, so its line order is random; insertion order is used here.
 */
export function formatParametersForShow(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  return expand(params)
    .map(([key, value]) => `${key.padEnd(KEY_WIDTH)} ${goSyntax(value, false)}`)
    .join('\n');
}

/** One parameter value as the Modelfile's `PARAMETER key <value>` argument (`%v`, unquoted). */
export function formatParameterForModelfile(value: unknown): string {
  return goPlain(value);
}

/** (key, `%v` value) pairs for Modelfile PARAMETER lines, one per list item. */
export function modelfileParameterArgs(params: Record<string, unknown> | undefined): Array<[string, string]> {
  if (!params) return [];
  return expand(params).map(([key, value]) => [key, goPlain(value)]);
}
