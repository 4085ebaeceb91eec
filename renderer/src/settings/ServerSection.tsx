import { useState } from "react";
import { CheckCircle2, Globe, Laptop, XCircle } from "lucide-react";
import { engineInfo } from "../api/desktop-client.js";
import { EngineClient } from "../api/engine-client.js";
import { normalizeServerUrl } from "../api/server-config.js";
import { useEngine } from "../app/engine-context.js";
import { Button } from "../ui/Button.js";
import { errorText } from "../ui/errors.js";
import { Field } from "../ui/Field.js";
import { useToast } from "../ui/toast.js";

type Check = { ok: true; version: string } | { ok: false; error: string };

/** In the desktop app the main process chooses the engine; this says which one. */
function DesktopServer({ url, mode, server, version }: { url: string; mode: string; server: string; version: string }) {
  return (
    <section className="card" aria-labelledby="server-title">
      <header className="card-header">
        <h2 id="server-title">Server</h2>
        <span className="muted small">Chosen by the app</span>
      </header>
      <dl className="details-grid">
        <div>
          <dt>Engine</dt>
          <dd className="mono">{url}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>
            {server === "ollama" ? "Ollama server" : "Paddock engine"} · {mode === "embedded" ? "run by this app" : "already running"}
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{version}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Which server this window drives: this computer's engine or another machine's Paddock or Ollama server. */
export function ServerSection() {
  const app = engineInfo();
  return app ? <DesktopServer {...app} /> : <BrowserServer />;
}

function BrowserServer() {
  const { target, setTarget } = useEngine();
  const notify = useToast();
  const [mode, setMode] = useState<"local" | "remote">(target.url ? "remote" : "local");
  const [url, setUrl] = useState(target.url);
  const [apiKey, setApiKey] = useState(target.apiKey ?? "");
  const [check, setCheck] = useState<Check>();
  const normalized = mode === "local" ? "" : normalizeServerUrl(url);
  const invalid = mode === "remote" && (normalized === undefined || normalized === "");
  const changed = (normalized ?? "") !== target.url || (mode === "remote" ? apiKey : "") !== (target.apiKey ?? "");

  const test = async () => {
    setCheck(undefined);
    try {
      const { version } = await new EngineClient({ url: normalized ?? "", ...(apiKey ? { apiKey } : {}) }).version(AbortSignal.timeout(5000));
      setCheck({ ok: true, version });
    } catch (failure) {
      setCheck({ ok: false, error: errorText(failure) });
    }
  };

  const save = () => {
    if (invalid) return;
    setTarget(mode === "local" ? { url: "" } : { url: normalized ?? "", ...(apiKey ? { apiKey } : {}) });
    if (mode === "remote" && normalized) setUrl(normalized);
    notify(mode === "local" ? "Using this computer's engine" : `Using ${normalized}`);
  };

  return (
    <section className="card" aria-labelledby="server-title">
      <header className="card-header">
        <h2 id="server-title">Server</h2>
        <span className="muted small">Saved in this browser</span>
      </header>
      <div className="choice-row" role="radiogroup" aria-label="Server">
        <label className={`choice${mode === "local" ? " selected" : ""}`}>
          <input type="radio" name="server-mode" checked={mode === "local"} onChange={() => setMode("local")} />
          <Laptop size={18} />
          <span>
            <strong>This computer</strong>
            <span className="muted small">The engine that opened this window</span>
          </span>
        </label>
        <label className={`choice${mode === "remote" ? " selected" : ""}`}>
          <input type="radio" name="server-mode" checked={mode === "remote"} onChange={() => setMode("remote")} />
          <Globe size={18} />
          <span>
            <strong>Another server</strong>
            <span className="muted small">A Paddock or Ollama server on your network</span>
          </span>
        </label>
      </div>
      {mode === "remote" && (
        <div className="form-grid">
          <Field label="Server URL" htmlFor="server-url" hint="For example 192.168.1.20 or http://workstation:11434. The server must allow this page's origin (OLLAMA_ORIGINS).">
            <input id="server-url" value={url} spellCheck={false} placeholder="http://host:11434" onChange={(event) => setUrl(event.target.value)} />
          </Field>
          <Field label="API key" htmlFor="server-key" hint="Only if that server requires one (PADDOCK_API_KEY).">
            <input id="server-key" type="password" value={apiKey} autoComplete="off" onChange={(event) => setApiKey(event.target.value)} />
          </Field>
        </div>
      )}
      {check && (
        <p className={check.ok ? "check-ok" : "form-error"} role="status">
          {check.ok ? <CheckCircle2 size={16} /> : <XCircle size={16} />}
          {check.ok ? `Connected · version ${check.version}` : check.error}
        </p>
      )}
      <div className="card-actions">
        <Button onClick={() => void test()} disabled={invalid}>
          Test connection
        </Button>
        <Button variant="primary" onClick={save} disabled={invalid || !changed}>
          Use this server
        </Button>
      </div>
      <p className="muted small">Chats stay on this computer either way; models, downloads and running models are the chosen server's.</p>
    </section>
  );
}
