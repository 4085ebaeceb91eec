import { Copy, Info, MessageSquarePlus, Trash2 } from "lucide-react";
import type { ListedModel } from "../api/types.js";
import { formatBytes, formatRelative } from "../ui/format.js";
import { IconButton } from "../ui/IconButton.js";

interface ModelTableProps {
  models: ListedModel[];
  onChat(model: string): void;
  onDetails(model: string): void;
  onCopy(model: string): void;
  onDelete(model: string): void;
}

/** Every tag on the server with its facts and actions. */
export function ModelTable({ models, onChat, onDetails, onCopy, onDelete }: ModelTableProps) {
  return (
    <table className="table model-table" aria-label="Models">
      <thead>
        <tr>
          <th>Name</th>
          <th>Family</th>
          <th>Parameters</th>
          <th>Quantization</th>
          <th className="num">Size</th>
          <th>Modified</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <tr key={model.name} data-model={model.name}>
            <td className="strong">
              <button type="button" className="link-button" onClick={() => onDetails(model.name)}>
                {model.name}
              </button>
            </td>
            <td>{model.details.family || "–"}</td>
            <td>{model.details.parameter_size || "–"}</td>
            <td>
              {model.details.quantization_level ? <span className="pill pill-neutral">{model.details.quantization_level}</span> : "–"}
            </td>
            <td className="num">{formatBytes(model.size)}</td>
            <td title={new Date(model.modified_at).toLocaleString()}>{formatRelative(model.modified_at)}</td>
            <td className="row-actions">
              <IconButton label={`Chat with ${model.name}`} onClick={() => onChat(model.name)}>
                <MessageSquarePlus size={16} />
              </IconButton>
              <IconButton label={`Details of ${model.name}`} onClick={() => onDetails(model.name)}>
                <Info size={16} />
              </IconButton>
              <IconButton label={`Copy ${model.name}`} onClick={() => onCopy(model.name)}>
                <Copy size={16} />
              </IconButton>
              <IconButton label={`Delete ${model.name}`} tone="danger" onClick={() => onDelete(model.name)}>
                <Trash2 size={16} />
              </IconButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
