import { LiveStats } from "../metrics/LiveStats.js";
import { Markdown } from "./Markdown.js";
import { ThinkingBlock } from "./ThinkingBlock.js";
import type { LiveAnswer } from "./use-chat-session.js";

/** The answer while it streams: text so far, a caret, and live speed. */
export function LiveAnswerView({ live }: { live: LiveAnswer }) {
  const waiting = live.content === "" && live.thinking === "";
  return (
    <div className="message message-assistant streaming" data-role="assistant" aria-busy="true">
      {live.thinking && <ThinkingBlock text={live.thinking} open={live.content === ""} />}
      {waiting ? (
        <div className="typing" aria-label="Waiting for the first token">
          <span />
          <span />
          <span />
        </div>
      ) : (
        <div className="live-text">
          <Markdown text={live.content} />
        </div>
      )}
      <LiveStats live={live} />
    </div>
  );
}
