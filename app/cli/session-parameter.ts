import { parseModelfileParameter, type ParameterValue } from "../options/modelfile-parameter.js";
import { OPTION_KINDS, isOptionKey } from "../options/option-table.js";

/**
 * `/set parameter KEY VALUE...`, typed as Ollama's api.FormatParams does:
 * `stop` takes every value, other keys the first one; errors list them all
 * (`invalid int value [a b]`).
 */
export function parseSessionParameter(key: string, values: string[]): ParameterValue {
  if (!isOptionKey(key)) throw new Error(`unknown parameter '${key}'`);
  if (OPTION_KINDS[key] === "strings") return values;
  try {
    const value = parseModelfileParameter(key, values[0] ?? "");
    if (value === undefined) throw new Error(`unknown parameter '${key}'`);
    return value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(/\[.*\]$/s, `[${values.join(" ")}]`));
  }
}
