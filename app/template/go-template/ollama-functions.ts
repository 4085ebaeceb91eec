// The functions Ollama adds to every model template (template/template.go `funcs`).

import type { TemplateFunction } from "./functions.js";
import { marshalJson } from "./json.js";
import { GoStruct, kindOf, sliceItems, type GoNamed } from "./values.js";

/** The GoType name the chat layer gives tool parameter schemas (api.ToolProperty). */
export const TOOL_PROPERTY_TYPE = "api.ToolProperty";

function localDate(daysAgo: number): string {
  const d = new Date();
  d.setDate(d.getDate() - daysAgo);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function listOf(v: unknown): readonly unknown[] {
  return kindOf(v) === "slice" ? sliceItems(v as unknown[] | GoNamed) : [];
}

const JSON_SCHEMA_TO_TYPESCRIPT: Record<string, string> = {
  string: "string",
  number: "number",
  integer: "number",
  boolean: "boolean",
  array: "any[]",
  object: "Record<string, any>",
  null: "null",
};

/** api.ToolProperty.ToTypeScriptType. */
function toTypeScriptType(v: unknown): string {
  if (!(v instanceof GoStruct) || v.type.name.replace(/^\*/, "") !== TOOL_PROPERTY_TYPE) return "any";
  const anyOf = listOf(v.fields.AnyOf);
  if (anyOf.length > 0) return anyOf.map(toTypeScriptType).join(" | ");
  const types = listOf(v.fields.Type).map((t) =>
    Object.hasOwn(JSON_SCHEMA_TO_TYPESCRIPT, String(t)) ? JSON_SCHEMA_TO_TYPESCRIPT[String(t)] : "any",
  );
  return types.length === 0 ? "any" : types.join(" | ");
}

export const OLLAMA_FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map<string, TemplateFunction>([
  [
    "json",
    {
      params: ["any"],
      call: ([v]) => {
        try {
          return marshalJson(v);
        } catch {
          return ""; // Ollama ignores the marshal error and prints the empty result
        }
      },
    },
  ],
  // Both accept (and ignore) a format argument, as Ollama's do.
  ["currentDate", { params: [], variadic: "string", call: () => localDate(0) }],
  ["yesterdayDate", { params: [], variadic: "string", call: () => localDate(1) }],
  ["toTypeScriptType", { params: ["any"], call: ([v]) => toTypeScriptType(v) }],
]);
