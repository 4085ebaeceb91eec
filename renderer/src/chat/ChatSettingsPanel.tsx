import { useState } from "react";
import { RotateCcw, X } from "lucide-react";
import type { ChatOptions } from "../api/types.js";
import { Button } from "../ui/Button.js";
import { IconButton } from "../ui/IconButton.js";
import { OPTION_FIELDS } from "./option-fields.js";

interface ChatSettingsPanelProps {
  system: string;
  options: ChatOptions;
  onChange(patch: { system?: string; options?: ChatOptions }): void;
  onClose(): void;
}

function asText(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

/** The chat's system prompt and sampling options; a blank field keeps the model's default. */
export function ChatSettingsPanel({ system, options, onChange, onClose }: ChatSettingsPanelProps) {
  const [systemText, setSystemText] = useState(system);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(OPTION_FIELDS.map((field) => [field.key, asText(options[field.key])])));

  const commitOption = (key: string, text: string) => {
    const field = OPTION_FIELDS.find((candidate) => candidate.key === key)!;
    const next: ChatOptions = { ...options };
    const number = field.integer ? Number.parseInt(text, 10) : Number.parseFloat(text);
    if (text.trim() === "" || Number.isNaN(number)) delete next[key];
    else next[key] = number;
    if (JSON.stringify(next) !== JSON.stringify(options)) onChange({ options: next });
    setValues((current) => ({ ...current, [key]: asText(next[key]) }));
  };

  const reset = () => {
    setSystemText("");
    setValues(Object.fromEntries(OPTION_FIELDS.map((field) => [field.key, ""])));
    onChange({ system: "", options: {} });
  };

  return (
    <aside className="chat-settings" aria-label="Chat settings">
      <header className="panel-header">
        <h2>Chat settings</h2>
        <IconButton label="Close chat settings" onClick={onClose}>
          <X size={18} />
        </IconButton>
      </header>
      <div className="panel-body">
        <div className="field">
          <div className="field-label">
            <label htmlFor="chat-system">System prompt</label>
          </div>
          <textarea
            id="chat-system"
            rows={5}
            placeholder="The model's own system prompt"
            value={systemText}
            onChange={(event) => setSystemText(event.target.value)}
            onBlur={() => systemText !== system && onChange({ system: systemText })}
          />
          <div className="field-hint">Sent first in every request of this chat.</div>
        </div>
        <div className="options-list">
          <h3 className="options-title">Options</h3>
          {OPTION_FIELDS.map((field) => (
            <div className="option-row" key={field.key}>
              <div className="option-text">
                <label htmlFor={`option-${field.key}`} title={field.key}>
                  {field.label}
                </label>
                <span className="field-hint">{field.hint}</span>
              </div>
              <input
                id={`option-${field.key}`}
                type="number"
                inputMode="decimal"
                step={field.step}
                min={field.min}
                max={field.max}
                placeholder="Default"
                value={values[field.key]}
                onChange={(event) => setValues((current) => ({ ...current, [field.key]: event.target.value }))}
                onBlur={(event) => commitOption(field.key, event.target.value)}
                onKeyDown={(event) => event.key === "Enter" && commitOption(field.key, event.currentTarget.value)}
              />
            </div>
          ))}
        </div>
        <Button variant="ghost" size="sm" icon={<RotateCcw size={14} />} onClick={reset}>
          Reset to model defaults
        </Button>
      </div>
    </aside>
  );
}
