import { useRef, useState } from "react";
import { FileUp } from "lucide-react";
import { desktop, type ImportProgress, type PickedGguf } from "../api/desktop-features.js";
import { isAbort } from "../api/engine-client.js";
import { useEngine } from "../app/engine-context.js";
import { Button } from "../ui/Button.js";
import { Dialog } from "../ui/Dialog.js";
import { errorText } from "../ui/errors.js";
import { formatBytes } from "../ui/format.js";
import { ProgressBar } from "../ui/ProgressBar.js";
import { useToast } from "../ui/toast.js";
import { importGguf, type ImportStep } from "./import-gguf.js";
import { nameFromFile } from "./model-name.js";
import { useModels } from "./models-context.js";

function stepText(step: ImportStep): string {
  switch (step.step) {
    case "hashing":
      return `Checking the file · ${formatBytes(step.done)} of ${formatBytes(step.total)}`;
    case "uploading":
      return `Copying to the engine · ${formatBytes(step.done)} of ${formatBytes(step.total)}`;
    case "creating":
      return step.status.charAt(0).toUpperCase() + step.status.slice(1);
    case "done":
      return "Imported";
  }
}

function stepFraction(step: ImportStep): number | undefined {
  if (step.step === "hashing" || step.step === "uploading") return step.total > 0 ? step.done / step.total : 0;
  return step.step === "done" ? 1 : undefined;
}

/** The desktop app's progress events in the browser import's terms. */
function fromDesktop(progress: ImportProgress): ImportStep {
  const phase: string = progress.phase;
  if (phase === "hashing" || phase === "uploading") return { step: phase, done: progress.completed ?? 0, total: progress.total ?? 0 };
  return { step: "creating", status: progress.status ?? "creating model" };
}

/** A file to import: from the browser's file input, or picked in the desktop app's native dialog (by id). */
type Chosen = { kind: "browser"; file: File } | { kind: "desktop"; file: PickedGguf };

/**
 * Import a GGUF file from this computer: pick it, name the model, and watch it hash, upload and register.
 * In a browser the page hashes and uploads the file itself; in the desktop app the main process does it
 * from the file's path.
 */
export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { client } = useEngine();
  const { refresh } = useModels();
  const notify = useToast();
  const [chosen, setChosen] = useState<Chosen>();
  const [name, setName] = useState("");
  const [step, setStep] = useState<ImportStep>();
  const [error, setError] = useState<string>();
  const abort = useRef<AbortController | undefined>(undefined);
  const busy = step !== undefined && step.step !== "done";
  const viaApp = desktop.canImportGguf && !client.isRemote;

  const close = () => {
    abort.current?.abort();
    setChosen(undefined);
    setName("");
    setStep(undefined);
    setError(undefined);
    onClose();
  };

  const start = async () => {
    if (!chosen || !name.trim()) return;
    const controller = new AbortController();
    abort.current = controller;
    setError(undefined);
    try {
      if (chosen.kind === "desktop") await desktop.importGguf(chosen.file, name.trim(), (progress) => setStep(fromDesktop(progress)));
      else await importGguf(client, chosen.file, name.trim(), setStep, controller.signal);
      await refresh();
      notify(`${name.trim()} is ready`);
      close();
    } catch (failure) {
      if (isAbort(failure) || controller.signal.aborted) return;
      setError(errorText(failure));
      setStep(undefined);
    }
  };

  const fileLabel = chosen ? `${chosen.kind === "browser" ? chosen.file.name : chosen.file.fileName} · ${formatBytes(chosen.file.size)}` : "Choose a .gguf file";

  return (
    <Dialog
      title="Import a GGUF file"
      open={open}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button variant="primary" onClick={() => void start()} disabled={!chosen || !name.trim() || busy}>
            Import
          </Button>
        </>
      }
    >
      <p className="muted">Any llama.cpp model file works. It is copied into the models folder; the original stays where it is.</p>
      {viaApp ? (
        <button
          type="button"
          className={`file-drop${chosen ? " has-file" : ""}`}
          disabled={busy}
          onClick={async () => {
            try {
              const picked = await desktop.chooseGguf();
              if (!picked) return;
              setChosen({ kind: "desktop", file: picked });
              if (!name) setName(picked.suggestedModel);
            } catch (failure) {
              setError(errorText(failure));
            }
          }}
        >
          <FileUp size={22} />
          <span>{fileLabel}</span>
        </button>
      ) : (
        <label className={`file-drop${chosen ? " has-file" : ""}`}>
          <FileUp size={22} />
          <span>{fileLabel}</span>
          <input
            type="file"
            accept=".gguf"
            aria-label="GGUF file"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              setChosen(file ? { kind: "browser", file } : undefined);
              if (file && !name) setName(nameFromFile(file.name));
            }}
          />
        </label>
      )}
      <div className="field">
        <div className="field-label">
          <label htmlFor="import-name">Model name</label>
        </div>
        <input id="import-name" value={name} disabled={busy} spellCheck={false} placeholder="my-model" onChange={(event) => setName(event.target.value)} />
      </div>
      {step && (
        <div className="import-progress" data-testid="import-progress">
          <ProgressBar value={stepFraction(step)} label="Import progress" />
          <span className="small muted">{stepText(step)}</span>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
