import { useEffect, useState } from "react";
import type { ShowResponse } from "../api/types.js";
import { useEngine } from "../app/engine-context.js";
import { Dialog } from "../ui/Dialog.js";
import { errorText } from "../ui/errors.js";
import { Spinner } from "../ui/Spinner.js";

type Tab = "overview" | "template" | "parameters" | "system" | "license" | "modelfile";

const TABS: Array<[Tab, string]> = [
  ["overview", "Overview"],
  ["template", "Template"],
  ["parameters", "Parameters"],
  ["system", "System"],
  ["license", "License"],
  ["modelfile", "Modelfile"],
];

function contextLength(info: Record<string, unknown> | undefined): number | undefined {
  if (!info) return undefined;
  const key = Object.keys(info).find((name) => name.endsWith(".context_length"));
  const value = key ? info[key] : undefined;
  return typeof value === "number" ? value : undefined;
}

function Overview({ show }: { show: ShowResponse }) {
  const details = show.details ?? {};
  const architecture = typeof show.model_info?.["general.architecture"] === "string" ? String(show.model_info["general.architecture"]) : undefined;
  const parameters = typeof show.model_info?.["general.parameter_count"] === "number" ? Number(show.model_info["general.parameter_count"]) : undefined;
  const rows: Array<[string, string | undefined]> = [
    ["Family", details.family],
    ["Architecture", architecture],
    ["Parameters", details.parameter_size ?? (parameters !== undefined ? parameters.toLocaleString() : undefined)],
    ["Quantization", details.quantization_level],
    ["Format", details.format],
    ["Context length", contextLength(show.model_info)?.toLocaleString()],
    ["Capabilities", show.capabilities?.join(", ")],
  ];
  return (
    <dl className="details-grid">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value || "–"}</dd>
        </div>
      ))}
    </dl>
  );
}

function Text({ text, empty }: { text: string | undefined; empty: string }) {
  return text?.trim() ? <pre className="details-text">{text}</pre> : <p className="muted">{empty}</p>;
}

/** What `ollama show` tells: details, template, parameters, system prompt, license and Modelfile. */
export function ModelDetailsDialog({ model, onClose }: { model: string | undefined; onClose(): void }) {
  const { client } = useEngine();
  const [show, setShow] = useState<ShowResponse>();
  const [error, setError] = useState<string>();
  const [tab, setTab] = useState<Tab>("overview");
  useEffect(() => {
    setShow(undefined);
    setError(undefined);
    setTab("overview");
    if (!model) return;
    let current = true;
    client.show(model).then(
      (reply) => current && setShow(reply),
      (failure: unknown) => current && setError(errorText(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, model]);
  return (
    <Dialog title={model ?? ""} label="Model details" open={model !== undefined} onClose={onClose} wide>
      <div className="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? "tab active" : "tab"} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {error && <p className="form-error">{error}</p>}
        {!show && !error && <Spinner />}
        {show && tab === "overview" && <Overview show={show} />}
        {show && tab === "template" && <Text text={show.template} empty="No prompt template: prompts are sent as they are." />}
        {show && tab === "parameters" && <Text text={show.parameters} empty="No parameters: the defaults apply." />}
        {show && tab === "system" && <Text text={show.system} empty="No system prompt." />}
        {show && tab === "license" && <Text text={show.license} empty="No license text in this model." />}
        {show && tab === "modelfile" && <Text text={show.modelfile} empty="No Modelfile." />}
      </div>
    </Dialog>
  );
}
