/** Go's %T of a value decoded from JSON into `any`, which Ollama prints in some error texts. */
export function goTypeOf(value: unknown): string {
  if (value === undefined || value === null) return "<nil>";
  if (typeof value === "number") return "float64";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "[]interface {}";
  return "map[string]interface {}";
}
