import { Copy, RefreshCw } from "lucide-react";
import type { StoredMessage } from "../api/types.js";
import { AnswerMetricsBar } from "../metrics/AnswerMetricsBar.js";
import { copyText } from "../ui/clipboard.js";
import { IconButton } from "../ui/IconButton.js";
import { Markdown } from "./Markdown.js";
import { ThinkingBlock } from "./ThinkingBlock.js";

interface AssistantMessageProps {
  message: StoredMessage;
  canRegenerate: boolean;
  onRegenerate(): void;
}

/** A finished answer: markdown, its metrics, copy and regenerate. */
export function AssistantMessage({ message, canRegenerate, onRegenerate }: AssistantMessageProps) {
  const stopped = message.metrics?.done_reason === "stopped";
  return (
    <div className="message message-assistant" data-role="assistant">
      {message.thinking && <ThinkingBlock text={message.thinking} open={false} />}
      <Markdown text={message.content} />
      {stopped && <div className="message-note">Stopped</div>}
      <div className="message-footer">
        <div className="message-actions always">
          <IconButton label="Copy answer" onClick={() => void copyText(message.content)}>
            <Copy size={14} />
          </IconButton>
          {canRegenerate && (
            <IconButton label="Regenerate" onClick={onRegenerate}>
              <RefreshCw size={14} />
            </IconButton>
          )}
        </div>
        {message.metrics && <AnswerMetricsBar metrics={message.metrics} model={message.model} />}
      </div>
    </div>
  );
}
