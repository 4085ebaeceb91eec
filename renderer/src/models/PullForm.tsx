import { useState } from "react";
import { Download } from "lucide-react";
import { Button } from "../ui/Button.js";
import { SUGGESTED_MODELS } from "./model-name.js";
import { usePulls } from "./pulls-context.js";

/** Pull a model by name, as `ollama pull` does; plain HTTP only when asked (a local registry). */
export function PullForm({ autoFocus, showSuggestions, onStarted }: { autoFocus?: boolean; showSuggestions?: boolean; onStarted?(): void }) {
  const { start } = usePulls();
  const [name, setName] = useState("");
  const [insecure, setInsecure] = useState(false);
  const submit = () => {
    if (!name.trim()) return;
    start(name, { insecure });
    setName("");
    onStarted?.();
  };
  return (
    <form
      className="pull-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="pull-input-row">
        <input aria-label="Model to pull" placeholder="Model name, e.g. llama3.2:1b" autoFocus={autoFocus} value={name} onChange={(event) => setName(event.target.value)} spellCheck={false} autoCapitalize="off" />
        <Button type="submit" variant="primary" icon={<Download size={16} />} disabled={!name.trim()}>
          Pull
        </Button>
      </div>
      <div className="pull-form-extra">
        {showSuggestions && (
          <div className="suggestions">
            <span className="muted small">Suggested:</span>
            {SUGGESTED_MODELS.map((model) => (
              <button type="button" key={model.name} className="chip" title={model.note} onClick={() => setName(model.name)}>
                {model.name}
              </button>
            ))}
          </div>
        )}
        <label className="checkbox small">
          <input type="checkbox" checked={insecure} onChange={(event) => setInsecure(event.target.checked)} />
          Plain HTTP registry (insecure)
        </label>
      </div>
    </form>
  );
}
