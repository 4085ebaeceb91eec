import { goFixed } from "../../gguf/human-number.js";

// Decimal units, as Ollama's format.HumanBytes prints sizes ("4.7 GB", "12 MB", "512 B").
const UNITS: Array<[number, string]> = [
  [1e12, "TB"],
  [1e9, "GB"],
  [1e6, "MB"],
  [1e3, "KB"],
];

export function humanBytes(bytes: number): string {
  for (const [size, unit] of UNITS) {
    if (bytes < size) continue;
    const value = bytes / size;
    // Ten and up drop the fraction (truncated, not rounded); below ten one decimal unless whole.
    if (value >= 10) return `${Math.trunc(value)} ${unit}`;
    if (value !== Math.trunc(value)) return `${goFixed(value, 1)} ${unit}`;
    return `${value} ${unit}`;
  }
  return `${Math.trunc(bytes)} B`;
}
