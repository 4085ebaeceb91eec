import { useEffect, useRef } from "react";
import { ArrowUp, Square } from "lucide-react";

interface ComposerProps {
  value: string;
  onChange(value: string): void;
  onSend(): void;
  onStop(): void;
  streaming: boolean;
  disabled: boolean;
  placeholder: string;
}

/** The message box: Enter sends, Shift+Enter adds a line; while an answer streams the button stops it. */
export function Composer({ value, onChange, onSend, onStop, streaming, disabled, placeholder }: ComposerProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = "auto";
    area.style.height = `${Math.min(area.scrollHeight, 240)}px`;
  }, [value]);
  useEffect(() => {
    if (!streaming && !disabled) ref.current?.focus();
  }, [streaming, disabled]);
  const canSend = !disabled && !streaming && value.trim() !== "";
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend();
      }}
    >
      <textarea
        ref={ref}
        rows={1}
        aria-label="Message"
        placeholder={placeholder}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            if (canSend) onSend();
          }
        }}
      />
      {streaming ? (
        <button type="button" className="composer-btn composer-stop" onClick={onStop} aria-label="Stop" title="Stop">
          <Square size={14} fill="currentColor" />
        </button>
      ) : (
        <button type="submit" className="composer-btn" disabled={!canSend} aria-label="Send" title="Send (Enter)">
          <ArrowUp size={18} />
        </button>
      )}
    </form>
  );
}
