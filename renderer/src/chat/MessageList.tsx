import { useEffect, useLayoutEffect, useRef, type ReactNode } from "react";
import type { StoredMessage } from "../api/types.js";
import { AssistantMessage } from "./AssistantMessage.js";
import { LiveAnswerView } from "./LiveAnswerView.js";
import type { LiveAnswer } from "./use-chat-session.js";
import { UserMessage } from "./UserMessage.js";

interface MessageListProps {
  conversationId: string;
  messages: StoredMessage[];
  live: LiveAnswer | undefined;
  busy: boolean;
  onRegenerate(messageId: string): void;
  onEditAndResend(messageId: string, text: string): void;
  children?: ReactNode;
}

const STICK_PX = 120;

/** The conversation, scrolled to the end as it grows unless the reader scrolled up. */
export function MessageList({ conversationId, messages, live, busy, onRegenerate, onEditAndResend, children }: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    stick.current = true;
    const element = ref.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [conversationId]);

  useEffect(() => {
    const element = ref.current;
    if (element && stick.current) element.scrollTop = element.scrollHeight;
  });

  const lastAssistant = [...messages].reverse().find((message) => message.role === "assistant");
  return (
    <div
      className="message-scroll"
      ref={ref}
      onScroll={(event) => {
        const element = event.currentTarget;
        stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
      }}
    >
      <div className="message-column" role="log" aria-label="Messages">
        {messages.map((message) =>
          message.role === "user" ? (
            <UserMessage key={message.id} message={message} canEdit={!busy} onEditAndResend={(text) => onEditAndResend(message.id, text)} />
          ) : message.role === "assistant" ? (
            <AssistantMessage key={message.id} message={message} canRegenerate={!busy && message.id === lastAssistant?.id} onRegenerate={() => onRegenerate(message.id)} />
          ) : null,
        )}
        {live && <LiveAnswerView live={live} />}
        {children}
      </div>
    </div>
  );
}
