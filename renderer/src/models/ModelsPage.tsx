import { useState } from "react";
import { FileUp, RefreshCw } from "lucide-react";
import { useEngine } from "../app/engine-context.js";
import { navigate } from "../app/router.js";
import { rememberModel } from "../chat/chat-request.js";
import { Button } from "../ui/Button.js";
import { ConfirmDialog } from "../ui/ConfirmDialog.js";
import { formatBytes } from "../ui/format.js";
import { IconButton } from "../ui/IconButton.js";
import { Spinner } from "../ui/Spinner.js";
import { useToast } from "../ui/toast.js";
import { CopyModelDialog } from "./CopyModelDialog.js";
import { FirstRun } from "./FirstRun.js";
import { ImportDialog } from "./ImportDialog.js";
import { ModelDetailsDialog } from "./ModelDetailsDialog.js";
import { ModelTable } from "./ModelTable.js";
import { useModels } from "./models-context.js";
import { PullForm } from "./PullForm.js";
import { PullList } from "./PullList.js";
import { usePulls } from "./pulls-context.js";
import { useDownloads } from "./use-downloads.js";

/** The models on the server: pull, import, inspect, copy and delete. */
export function ModelsPage() {
  const { client } = useEngine();
  const { models, error, refresh } = useModels();
  const { pulls } = usePulls();
  const { downloads, refresh: refreshDownloads } = useDownloads();
  const notify = useToast();
  const [importing, setImporting] = useState(false);
  const [details, setDetails] = useState<string>();
  const [copying, setCopying] = useState<string>();
  const [deleting, setDeleting] = useState<string>();

  const total = models?.reduce((sum, model) => sum + model.size, 0) ?? 0;
  const empty = models !== undefined && models.length === 0 && pulls.length === 0 && (downloads ?? []).length === 0;

  if (empty) return <FirstRun onModelsPage />;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Models</h1>
          <p className="muted">{models ? `${models.length} ${models.length === 1 ? "model" : "models"} · ${formatBytes(total)} on disk` : "Loading…"}</p>
        </div>
        <div className="page-actions">
          <IconButton label="Refresh" onClick={() => void refresh()}>
            <RefreshCw size={16} />
          </IconButton>
          <Button icon={<FileUp size={16} />} onClick={() => setImporting(true)}>
            Import GGUF
          </Button>
        </div>
      </header>
      <section className="card">
        <PullForm />
      </section>
      <PullList downloads={downloads} onChanged={() => void refreshDownloads()} />
      {error && <p className="form-error">{error}</p>}
      <section className="card flush">
        {!models ? (
          <div className="page-center small-pad">
            <Spinner />
          </div>
        ) : models.length === 0 ? (
          <p className="muted empty-line">No models yet. Pull one above or import a GGUF file.</p>
        ) : (
          <ModelTable
            models={models}
            onChat={(model) => {
              rememberModel(model);
              navigate({ page: "chat" });
            }}
            onDetails={setDetails}
            onCopy={setCopying}
            onDelete={setDeleting}
          />
        )}
      </section>
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
      <ModelDetailsDialog model={details} onClose={() => setDetails(undefined)} />
      <CopyModelDialog source={copying} onClose={() => setCopying(undefined)} />
      <ConfirmDialog
        title="Delete model?"
        open={deleting !== undefined}
        confirmLabel="Delete"
        danger
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (!deleting) return;
          await client.remove(deleting);
          await refresh();
          notify(`Deleted ${deleting}`);
        }}
      >
        <p>
          <strong>{deleting}</strong> will be removed from this computer. Files that other models share stay.
        </p>
      </ConfirmDialog>
    </div>
  );
}
