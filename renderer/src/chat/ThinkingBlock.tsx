import { Brain } from "lucide-react";

/** A thinking model's reasoning, folded away unless it is still the only thing streaming. */
export function ThinkingBlock({ text, open }: { text: string; open: boolean }) {
  return (
    <details className="thinking" open={open}>
      <summary>
        <Brain size={14} /> Thinking
      </summary>
      <div className="thinking-text">{text}</div>
    </details>
  );
}
