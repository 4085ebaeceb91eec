import { MessageSquareText } from "lucide-react";

const STARTERS = ["Explain how a transformer model works, simply", "Write a Python function that reverses a linked list", "Give me three ideas for a weekend project"];

/** An empty chat: what model answers, and a few ways to begin. */
export function ChatWelcome({ model, onStarter }: { model: string; onStarter(text: string): void }) {
  return (
    <div className="chat-welcome">
      <div className="welcome-mark">
        <MessageSquareText size={28} />
      </div>
      <h2>How can I help?</h2>
      <p className="muted">
        {model ? (
          <>
            You are chatting with <strong>{model}</strong>, running on this machine.
          </>
        ) : (
          "Choose a model to start."
        )}
      </p>
      <div className="starters">
        {STARTERS.map((starter) => (
          <button key={starter} type="button" className="starter" onClick={() => onStarter(starter)}>
            {starter}
          </button>
        ))}
      </div>
    </div>
  );
}
