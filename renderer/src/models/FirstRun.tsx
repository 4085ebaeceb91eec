import { useState } from "react";
import { FileUp, Sprout } from "lucide-react";
import { navigate } from "../app/router.js";
import { Button } from "../ui/Button.js";
import { ImportDialog } from "./ImportDialog.js";
import { PullForm } from "./PullForm.js";

/** No models yet: what Paddock is and the two ways to get a model. Nothing is downloaded unasked. */
export function FirstRun({ onModelsPage = false }: { onModelsPage?: boolean }) {
  const [importing, setImporting] = useState(false);
  return (
    <div className="page-center">
      <div className="first-run" data-testid="first-run">
        <div className="welcome-mark large">
          <Sprout size={34} />
        </div>
        <h1>Welcome to Paddock</h1>
        <p className="muted lead">Paddock runs language models on this computer, offline. Get a model to start chatting.</p>
        <div className="first-run-options">
          <div className="option-card">
            <h3>Pull a model by name</h3>
            <p className="muted small">Downloads from the model library. A small one is a good first try.</p>
            <PullForm showSuggestions onStarted={onModelsPage ? undefined : () => navigate({ page: "models" })} />
          </div>
          <div className="option-card">
            <h3>Import a GGUF file</h3>
            <p className="muted small">Already have a model file? Use it without downloading anything.</p>
            <Button icon={<FileUp size={16} />} onClick={() => setImporting(true)}>
              Import a GGUF file…
            </Button>
          </div>
        </div>
        <p className="muted small">Using Ollama already? Point Paddock at its models folder in Settings.</p>
      </div>
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
