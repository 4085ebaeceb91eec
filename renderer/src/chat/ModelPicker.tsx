import { Box } from "lucide-react";
import type { ListedModel } from "../api/types.js";
import { formatBytes } from "../ui/format.js";

interface ModelPickerProps {
  models: ListedModel[] | undefined;
  value: string;
  onChange(model: string): void;
  disabled?: boolean;
}

/** The chat's model: a native select (keyboard and screen-reader friendly), styled as a pill. */
export function ModelPicker({ models, value, onChange, disabled }: ModelPickerProps) {
  const known = models?.some((model) => model.name === value);
  return (
    <label className="model-picker">
      <Box size={16} aria-hidden="true" />
      <select aria-label="Model" value={value} disabled={disabled || !models || models.length === 0} onChange={(event) => onChange(event.target.value)}>
        {!known && <option value={value}>{value || "No model"}</option>}
        {models?.map((model) => (
          <option key={model.name} value={model.name}>
            {model.name} · {model.details.parameter_size || formatBytes(model.size)}
          </option>
        ))}
      </select>
    </label>
  );
}
