import { ApiError } from "../server/api-error.js";
import { goTypeOf } from "./go-type-name.js";

/** `stop` as a string or an array; chat drops non-string entries, completions refuses them. */
export function stopSequences(stop: unknown, strict: boolean): string[] | undefined {
  if (typeof stop === "string") return [stop];
  if (!Array.isArray(stop)) return undefined;
  const strings: string[] = [];
  for (const item of stop) {
    if (typeof item === "string") strings.push(item);
    else if (strict) throw new ApiError(400, `invalid type for 'stop' field: ${goTypeOf(item)}`);
  }
  return strings;
}
