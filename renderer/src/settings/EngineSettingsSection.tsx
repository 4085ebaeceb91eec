import { useCallback, useEffect, useState } from "react";
import { AlertTriangle, FolderOpen, RotateCw } from "lucide-react";
import { desktop } from "../api/desktop-features.js";
import type { EngineSettingsPatch, EngineSettingsView, EngineSettingValues, SettingKey } from "../api/types.js";
import { useEngine } from "../app/engine-context.js";
import { Button } from "../ui/Button.js";
import { errorText } from "../ui/errors.js";
import { Field } from "../ui/Field.js";
import { Spinner } from "../ui/Spinner.js";
import { Switch } from "../ui/Switch.js";
import { useToast } from "../ui/toast.js";
import { CONTEXT_CHOICES, KEEP_ALIVE_CHOICES } from "./keep-alive-choices.js";

interface FormValues {
  models_dir: string;
  expose: boolean;
  origins: string;
  context_length: number;
  keep_alive: string;
}

const LABELS: Record<SettingKey, string> = {
  models_dir: "Models folder",
  expose: "Expose to the network",
  origins: "Allowed origins",
  context_length: "Default context length",
  keep_alive: "Keep models loaded",
};

function formFrom(view: EngineSettingsView): FormValues {
  const value = <K extends SettingKey>(key: K): EngineSettingValues[K] => (view.stored[key] ?? view.effective[key]) as EngineSettingValues[K];
  return {
    models_dir: value("models_dir"),
    expose: value("expose"),
    origins: value("origins").join("\n"),
    context_length: value("context_length"),
    keep_alive: value("keep_alive"),
  };
}

function changes(form: FormValues, base: FormValues): EngineSettingsPatch {
  const patch: EngineSettingsPatch = {};
  if (form.models_dir.trim() !== base.models_dir) patch.models_dir = form.models_dir.trim();
  if (form.expose !== base.expose) patch.expose = form.expose;
  if (form.origins.trim() !== base.origins.trim()) patch.origins = form.origins.split(/[\n,]/).map((line) => line.trim()).filter(Boolean);
  if (form.context_length !== base.context_length) patch.context_length = form.context_length;
  if (form.keep_alive.trim() !== base.keep_alive) patch.keep_alive = form.keep_alive.trim();
  return patch;
}

function EnvBadge({ name }: { name: string | undefined }) {
  if (!name) return null;
  return (
    <span className="pill pill-warning" title={`${name} is set in the engine's environment and wins over this setting`}>
      Set by {name}
    </span>
  );
}

/** Settings of the engine on this computer, stored in its database and applied when it next starts. */
export function EngineSettingsSection() {
  const { client } = useEngine();
  const notify = useToast();
  const [view, setView] = useState<EngineSettingsView>();
  const [form, setForm] = useState<FormValues>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    try {
      const loaded = await client.engineSettings();
      setView(loaded);
      setForm(formFrom(loaded));
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [client]);
  useEffect(() => {
    if (client.hasEngineSettings) void load();
  }, [client, load]);

  if (!client.hasEngineSettings) {
    return (
      <section className="card">
        <header className="card-header">
          <h2>Engine</h2>
        </header>
        <p className="muted">The app is connected to an Ollama server, which has no Paddock settings. Chats are kept in this app's storage.</p>
      </section>
    );
  }

  if (!view || !form) {
    return (
      <section className="card">
        <header className="card-header">
          <h2>Engine</h2>
        </header>
        {error ? <p className="form-error">{error}</p> : <Spinner />}
      </section>
    );
  }

  const base = formFrom(view);
  const patch = changes(form, base);
  const dirty = Object.keys(patch).length > 0;
  const set = (values: Partial<FormValues>) => setForm({ ...form, ...values });
  const keepAliveKnown = KEEP_ALIVE_CHOICES.some(([value]) => value === form.keep_alive);
  const contextKnown = CONTEXT_CHOICES.some(([value]) => value === form.context_length);

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const saved = await client.updateEngineSettings(patch);
      setView(saved);
      setForm(formFrom(saved));
      notify(saved.pending.length > 0 ? "Saved. Restart the engine to apply." : "Saved");
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSaving(false);
    }
  };

  const restart = async () => {
    try {
      await desktop.restartEngine();
      notify("Engine restarted");
      await load();
    } catch (failure) {
      notify(errorText(failure), "error");
    }
  };

  return (
    <section className="card" aria-labelledby="engine-title">
      <header className="card-header">
        <h2 id="engine-title">Engine</h2>
        <span className="muted small">Stored by the engine on this computer · applied when it starts</span>
      </header>
      {client.isRemote && <p className="callout">These settings belong to the engine on this computer, not to the remote server you are using.</p>}
      {view.pending.length > 0 && (
        <div className="callout callout-info" role="status" data-testid="restart-notice">
          <RotateCw size={16} />
          <span>
            Restart the engine to apply: {view.pending.map((key) => LABELS[key]).join(", ")}.
            {!desktop.canRestartEngine && " Quit and reopen Paddock, or restart `paddock serve`."}
          </span>
          {desktop.canRestartEngine && (
            <Button size="sm" onClick={() => void restart()}>
              Restart now
            </Button>
          )}
        </div>
      )}
      <div className="form-stack">
        <Field
          label={LABELS.models_dir}
          htmlFor="models-dir"
          badge={<EnvBadge name={view.environment.models_dir} />}
          hint={
            <>
              Where models are stored. An existing Ollama folder works in place, so both apps share their models.
              {view.ollama_models_dir.exists && form.models_dir !== view.ollama_models_dir.path && (
                <>
                  {" "}
                  <button type="button" className="link-button" onClick={() => set({ models_dir: view.ollama_models_dir.path })}>
                    Use Ollama's folder ({view.ollama_models_dir.path})
                  </button>
                </>
              )}
            </>
          }
        >
          <div className="input-with-buttons">
            <input id="models-dir" value={form.models_dir} spellCheck={false} onChange={(event) => set({ models_dir: event.target.value })} />
            {desktop.canChooseDirectory && (
              <Button
                icon={<FolderOpen size={16} />}
                onClick={async () => {
                  const chosen = await desktop.chooseDirectory({ title: "Models folder", defaultPath: form.models_dir });
                  if (chosen) set({ models_dir: chosen });
                }}
              >
                Choose…
              </Button>
            )}
            {desktop.canShowFolder && (
              <Button variant="ghost" onClick={() => void desktop.showFolder(form.models_dir)}>
                Show
              </Button>
            )}
          </div>
        </Field>

        <Field label={LABELS.expose} htmlFor="expose" badge={<EnvBadge name={view.environment.expose} />} hint="Listen on every network interface (0.0.0.0:11434) instead of this computer only.">
          <Switch label={LABELS.expose} checked={form.expose} onChange={(expose) => set({ expose })} />
        </Field>
        {form.expose && (
          <div className="callout callout-warning" role="alert">
            <AlertTriangle size={16} />
            <span>
              Anyone who can reach this computer can then use your models and the API without a password. Only turn this on in a network you trust, and consider
              setting <code>PADDOCK_API_KEY</code>.
            </span>
          </div>
        )}

        <Field
          label={LABELS.origins}
          htmlFor="origins"
          badge={<EnvBadge name={view.environment.origins} />}
          hint="Web pages allowed to call the API, one per line (for example https://myapp.example or chrome-extension://*). localhost, 127.0.0.1 and app:// are always allowed."
        >
          <textarea id="origins" rows={3} value={form.origins} spellCheck={false} placeholder="https://myapp.example" onChange={(event) => set({ origins: event.target.value })} />
        </Field>

        <div className="form-grid">
          <Field label={LABELS.context_length} htmlFor="context-length" badge={<EnvBadge name={view.environment.context_length} />} hint="Tokens a model sees when a request does not say.">
            <select id="context-length" value={form.context_length} onChange={(event) => set({ context_length: Number(event.target.value) })}>
              {!contextKnown && <option value={form.context_length}>{form.context_length.toLocaleString()} tokens</option>}
              {CONTEXT_CHOICES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field label={LABELS.keep_alive} htmlFor="keep-alive" badge={<EnvBadge name={view.environment.keep_alive} />} hint="How long an idle model stays in memory.">
            <select id="keep-alive" value={form.keep_alive} onChange={(event) => set({ keep_alive: event.target.value })}>
              {!keepAliveKnown && <option value={form.keep_alive}>{form.keep_alive}</option>}
              {KEEP_ALIVE_CHOICES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="card-actions">
        <Button variant="ghost" disabled={!dirty} onClick={() => setForm(base)}>
          Discard changes
        </Button>
        <Button variant="primary" disabled={!dirty || saving} onClick={() => void save()}>
          Save
        </Button>
      </div>
    </section>
  );
}
