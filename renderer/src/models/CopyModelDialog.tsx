import { useEffect, useState } from "react";
import { useEngine } from "../app/engine-context.js";
import { Button } from "../ui/Button.js";
import { Dialog } from "../ui/Dialog.js";
import { errorText } from "../ui/errors.js";
import { useToast } from "../ui/toast.js";
import { useModels } from "./models-context.js";

/** Copies a model to a new name (a new tag over the same blobs: no extra disk space). */
export function CopyModelDialog({ source, onClose }: { source: string | undefined; onClose(): void }) {
  const { client } = useEngine();
  const { refresh } = useModels();
  const notify = useToast();
  const [destination, setDestination] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setDestination(source ? `${source.replace(/:[^:/]*$/, "")}:copy` : "");
    setError(undefined);
  }, [source]);
  const copy = async () => {
    if (!source || !destination.trim()) return;
    setBusy(true);
    try {
      await client.copy(source, destination.trim());
      await refresh();
      notify(`Copied to ${destination.trim()}`);
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Copy ${source ?? ""}`}
      label="Copy model"
      open={source !== undefined}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" onClick={() => void copy()} disabled={busy || !destination.trim()}>
            Copy
          </Button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void copy();
        }}
      >
        <div className="field">
          <div className="field-label">
            <label htmlFor="copy-destination">New name</label>
          </div>
          <input id="copy-destination" autoFocus value={destination} spellCheck={false} onChange={(event) => setDestination(event.target.value)} />
          <div className="field-hint">The copy shares the model's files, so it takes no extra space.</div>
        </div>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
