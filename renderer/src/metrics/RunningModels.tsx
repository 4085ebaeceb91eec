import { useState } from "react";
import { Cpu, Power } from "lucide-react";
import { useEngine } from "../app/engine-context.js";
import { Button } from "../ui/Button.js";
import { errorText } from "../ui/errors.js";
import { formatBytes, formatUntil } from "../ui/format.js";
import { useToast } from "../ui/toast.js";
import { useRunningModels } from "./use-running-models.js";

function memoryText(size: number, vram: number): string {
  if (vram <= 0) return `${formatBytes(size)} · CPU`;
  if (vram >= size) return `${formatBytes(size)} · GPU`;
  return `${formatBytes(size)} · ${Math.round((vram / size) * 100)}% GPU`;
}

/** Models loaded in memory (as /api/ps shows them), each with an Unload button. */
export function RunningModels() {
  const { client } = useEngine();
  const { running, error, refresh } = useRunningModels();
  const notify = useToast();
  const [unloading, setUnloading] = useState<string>();
  const unload = async (name: string) => {
    setUnloading(name);
    try {
      await client.unload(name);
      notify(`Unloaded ${name}`);
      await refresh();
    } catch (failure) {
      notify(errorText(failure), "error");
    } finally {
      setUnloading(undefined);
    }
  };
  return (
    <section className="card" aria-labelledby="running-title">
      <header className="card-header">
        <h2 id="running-title">
          <Cpu size={18} /> Running models
        </h2>
        <span className="muted small">Refreshes every 2 s</span>
      </header>
      {error && <p className="form-error">{error}</p>}
      {running && running.length === 0 && <p className="muted empty-line">No model is loaded. A model loads when it answers, and unloads when its keep-alive runs out.</p>}
      {running && running.length > 0 && (
        <table className="table" aria-label="Running models">
          <thead>
            <tr>
              <th>Model</th>
              <th>Memory</th>
              <th>Context</th>
              <th>Unloads</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {running.map((model) => (
              <tr key={model.name}>
                <td className="strong">{model.name}</td>
                <td>{memoryText(model.size, model.size_vram)}</td>
                <td>{model.context_length ? `${model.context_length.toLocaleString()} tokens` : "–"}</td>
                <td>{formatUntil(model.expires_at)}</td>
                <td className="row-actions">
                  <Button size="sm" icon={<Power size={14} />} disabled={unloading === model.name} onClick={() => void unload(model.name)} aria-label={`Unload ${model.name}`}>
                    Unload
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
