// The default `paddock show MODEL` view (and `/show info`): small titled
// tables as Ollama's showInfo prints them.

import { formatHumanNumber } from "../gguf/human-number.js";
import { goFormatFloat } from "../options/go-compat/format-float.js";
import type { ShowResponse } from "./api-types.js";
import { displayWidth } from "./format/display-width.js";
import { renderTable } from "./format/table.js";

const WIDE_SECTIONS = new Set(["Template", "System", "License"]);
const ARRAY_PREVIEW_WIDTH = 10;

function section(title: string, rows: string[][]): string {
  const table = renderTable(rows, WIDE_SECTIONS.has(title) ? { maxCellWidth: 100 } : {});
  return `  ${title}\n${table}\n`;
}

/** Go's `%v` of a JSON value. */
function plain(value: unknown): string {
  if (typeof value === "number") return goFormatFloat(value);
  if (Array.isArray(value)) return `[${value.map(plain).join(" ")}]`;
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "object") return `map[${Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}:${plain(v)}`).join(" ")}]`;
  return String(value);
}

/** A metadata value; long arrays show what fits in ten columns and how many more there are. */
function metadataValue(value: unknown): string {
  if (typeof value === "boolean" || typeof value === "string" || typeof value === "number") return plain(value);
  if (Array.isArray(value)) {
    let shown = 0;
    let width = 1;
    for (const [i, item] of value.entries()) {
      const itemWidth = displayWidth(plain(item)) + (i > 0 ? 2 : 0);
      if (width + itemWidth > ARRAY_PREVIEW_WIDTH && i > 0) break;
      width += itemWidth;
      shown++;
    }
    if (shown < value.length) return `${plain(value.slice(0, shown)).replace(/\]$/, "")} ...+${value.length - shown} more]`;
    return plain(value);
  }
  return value === null ? "<nil>" : "map[string]interface {}";
}

/** The first `limit` non-empty lines (trimmed), then `...` when there were more. */
function head(text: string, limit: number): string[][] {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const rows = lines.slice(0, limit).map((line) => ["", line]);
  if (lines.length > limit) rows.push(["", "..."]);
  return rows;
}

function modelRows(show: ShowResponse): string[][] {
  const rows: string[][] = [];
  if (show.remote_host) rows.push(["", "Remote model", show.remote_model ?? ""], ["", "Remote URL", show.remote_host]);
  const info = show.model_info;
  if (info) {
    const arch = typeof info["general.architecture"] === "string" ? (info["general.architecture"] as string) : "";
    if (arch) rows.push(["", "architecture", arch]);
    const count = info["general.parameter_count"];
    const parameters = show.details?.parameter_size || (typeof count === "number" ? formatHumanNumber(count) : "");
    if (parameters) rows.push(["", "parameters", parameters]);
    for (const [key, label] of [["context_length", "context length"], ["embedding_length", "embedding length"]] as const) {
      const value = info[`${arch}.${key}`];
      if (typeof value === "number") rows.push(["", label, String(value)]);
    }
  } else {
    rows.push(["", "architecture", show.details?.family ?? ""], ["", "parameters", show.details?.parameter_size ?? ""]);
  }
  rows.push(["", "quantization", show.details?.quantization_level ?? ""]);
  if (show.requires) rows.push(["", "requires", show.requires]);
  return rows;
}

function projectorRows(projector: Record<string, unknown>): string[][] {
  const rows: string[][] = [];
  const arch = typeof projector["general.architecture"] === "string" ? (projector["general.architecture"] as string) : "";
  if (arch) rows.push(["", "architecture", arch]);
  const count = projector["general.parameter_count"];
  if (typeof count === "number") rows.push(["", "parameters", formatHumanNumber(count)]);
  const valueOf = (suffix: string) =>
    ["vision", "audio"].map((modality) => projector[`${arch}.${modality}.${suffix}`]).find((value) => typeof value === "number") as number | undefined;
  const embedding = valueOf("embedding_length");
  if (embedding !== undefined) rows.push(["", "embedding length", String(embedding)]);
  const dimensions = valueOf("projection_dim");
  if (dimensions !== undefined) rows.push(["", "dimensions", String(dimensions)]);
  return rows;
}

export function renderShowInfo(show: ShowResponse, verbose: boolean): string {
  let out = section("Model", modelRows(show));
  if (show.capabilities?.length) out += section("Capabilities", show.capabilities.map((capability) => ["", capability]));
  if (show.projector_info) out += section("Projector", projectorRows(show.projector_info));
  if (show.parameters) {
    const rows = show.parameters.split("\n").filter(Boolean).map((line) => ["", ...line.trim().split(/\s+/).filter(Boolean)]);
    out += section("Parameters", rows);
  }
  if (show.model_info && verbose) {
    const keys = Object.keys(show.model_info).sort();
    out += section("Metadata", keys.map((key) => ["", key, metadataValue(show.model_info?.[key])]));
  }
  if (show.tensors?.length && verbose) {
    out += section("Tensors", show.tensors.map((tensor) => ["", tensor.name, tensor.type, `[${tensor.shape.join(" ")}]`]));
  }
  if (show.system) out += section("System", head(show.system, 2));
  if (show.license) out += section("License", head(show.license, 2));
  return out;
}
