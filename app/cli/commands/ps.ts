import type { RunningModel } from "../api-types.js";
import { connect } from "../connect.js";
import { humanBytes } from "../format/human-bytes.js";
import { humanTime } from "../format/human-time.js";
import { renderTable } from "../format/table.js";

/** Where the model's memory sits: all CPU, all GPU, or a split. */
export function processorText(model: Pick<RunningModel, "size" | "size_vram">): string {
  const vram = model.size_vram ?? 0;
  if (vram === 0) return "100% CPU";
  if (vram === model.size) return "100% GPU";
  if (vram > model.size || model.size === 0) return "Unknown";
  const cpuPercent = Math.round(((model.size - vram) / model.size) * 100);
  return `${cpuPercent}%/${100 - cpuPercent}% CPU/GPU`;
}

/** How long the model stays loaded; past its expiry it is on its way out. */
export function untilText(expiresAt: string | undefined, now: Date = new Date()): string {
  const expires = expiresAt ? new Date(expiresAt) : undefined;
  if (expires && now.getTime() > expires.getTime()) return "Stopping...";
  return humanTime(expires, "Never", now);
}

/** `paddock ps [PREFIX]`: the models loaded in memory. */
export async function psCommand(prefix?: string): Promise<void> {
  const models = await (await connect()).ps();
  const rows = models
    .filter((model) => prefix === undefined || model.name.startsWith(prefix))
    .map((model) => [
      model.name,
      model.digest.slice(0, 12),
      humanBytes(model.size),
      processorText(model),
      String(model.context_length ?? 0),
      untilText(model.expires_at),
    ]);
  process.stdout.write(renderTable(rows, { header: ["NAME", "ID", "SIZE", "PROCESSOR", "CONTEXT", "UNTIL"] }));
}
