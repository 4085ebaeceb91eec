import { connect } from "../connect.js";
import { humanBytes } from "../format/human-bytes.js";
import { humanTime } from "../format/human-time.js";
import { renderTable } from "../format/table.js";

/** `paddock list [PREFIX]`: the local models, newest first, optionally those whose name starts with PREFIX (any case). */
export async function listCommand(prefix?: string): Promise<void> {
  const models = await (await connect()).list();
  const wanted = prefix?.toLowerCase();
  const rows = models
    .filter((model) => wanted === undefined || model.name.toLowerCase().startsWith(wanted))
    .map((model) => [
      model.name,
      model.digest.slice(0, 12),
      model.remote_model ? "-" : humanBytes(model.size),
      humanTime(model.modified_at ? new Date(model.modified_at) : undefined, "Never"),
    ]);
  process.stdout.write(renderTable(rows, { header: ["NAME", "ID", "SIZE", "MODIFIED"] }));
}
