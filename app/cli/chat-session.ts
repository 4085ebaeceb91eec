// The interactive chat of `paddock run`: lines, """ blocks and slash commands,
// with the same wording as `ollama run`.

import type { ChatMessage } from "./api-types.js";
import { chatAnswer } from "./chat-answer.js";
import { chatUsage, SET_USAGE, SHORTCUTS_USAGE, SHOW_USAGE } from "./chat-help.js";
import { loadModel, saveSession } from "./chat-model-commands.js";
import { help, say } from "./chat-output.js";
import { applySetting, warnIfNoThinking } from "./chat-set-command.js";
import { showPart } from "./chat-show-command.js";
import { listCommand } from "./commands/list.js";
import type { EngineClient } from "./engine-client.js";
import { extractAttachments, filePathsIn } from "./image-attachments.js";
import { LineReader } from "./line-reader.js";
import type { RunOptions } from "./run-options.js";

type Multiline = "none" | "prompt" | "system";

const TRIPLE_QUOTE = '"""';

function cutSuffix(text: string, suffix: string): [string, boolean] {
  return text.endsWith(suffix) ? [text.slice(0, -suffix.length), true] : [text, false];
}

export async function chatSession(client: EngineClient, opts: RunOptions, thinkSetByUser: boolean): Promise<void> {
  const reader = new LineReader(process.stdin, process.stdout);
  try {
    await runSession(client, opts, thinkSetByUser, reader);
  } finally {
    reader.close();
  }
}

async function runSession(client: EngineClient, opts: RunOptions, thinkSetByUser: boolean, reader: LineReader): Promise<void> {
  let text = "";
  let multiline: Multiline = "none";
  let thinkExplicit = thinkSetByUser;

  for (;;) {
    const read = await reader.read(multiline !== "none");
    if (read.kind === "eof") {
      say("");
      return;
    }
    if (read.kind === "interrupt") {
      say("\nUse Ctrl + d or /bye to exit.");
      text = "";
      multiline = "none";
      continue;
    }
    const line = read.text;

    if (multiline !== "none") {
      const [before, closed] = cutSuffix(line, TRIPLE_QUOTE);
      text += before;
      if (!closed) {
        text += "\n";
        continue;
      }
      if (multiline === "system") {
        opts.system = text;
        opts.messages.push({ role: "system", content: opts.system });
        say("Set system message.");
        text = "";
      }
      multiline = "none";
    } else if (line.startsWith(TRIPLE_QUOTE)) {
      const [inner, closed] = cutSuffix(line.slice(TRIPLE_QUOTE.length), TRIPLE_QUOTE);
      text += inner;
      if (!closed) {
        text += "\n";
        multiline = "prompt";
      }
    } else if (line.startsWith("/list")) {
      await listCommand(line.split(/\s+/).filter(Boolean)[1]);
      continue;
    } else if (line.startsWith("/load")) {
      const args = line.split(/\s+/).filter(Boolean);
      if (args.length !== 2) {
        say("Usage:\n  /load <modelname>");
        continue;
      }
      await loadModel(client, opts, args[1] as string, thinkExplicit);
      continue;
    } else if (line.startsWith("/save")) {
      const args = line.split(/\s+/).filter(Boolean);
      if (args.length !== 2) {
        say("Usage:\n  /save <modelname>");
        continue;
      }
      await saveSession(client, opts, args[1] as string);
      continue;
    } else if (line.startsWith("/clear")) {
      opts.messages = opts.system ? [{ role: "system", content: opts.system }] : [];
      say("Cleared session context");
      continue;
    } else if (line.startsWith("/set")) {
      const args = line.split(/\s+/).filter(Boolean);
      const setting = args[1];
      if (setting === "system") {
        if (args.length < 3) {
          help(SET_USAGE);
          continue;
        }
        // Ollama joins the words with single spaces; a """ opens a block that may close on this line.
        let value = args.slice(2).join(" ");
        if (value.startsWith(TRIPLE_QUOTE)) {
          let closed: boolean;
          [value, closed] = cutSuffix(value.slice(TRIPLE_QUOTE.length), TRIPLE_QUOTE);
          if (!closed) {
            // Unlike Ollama, the first line keeps its line break from the next one.
            text += value ? `${value}\n` : "";
            multiline = "system";
            continue;
          }
        }
        opts.system = value;
        const message = { role: "system", content: value };
        if (opts.messages.at(-1)?.role === "system") opts.messages[opts.messages.length - 1] = message;
        else opts.messages.push(message);
        say("Set system message.");
        continue;
      }
      const thinkChanged = applySetting(opts, args);
      if (thinkChanged) {
        thinkExplicit = true;
        await warnIfNoThinking(client, opts.model);
      }
      continue;
    } else if (line.startsWith("/show")) {
      await showPart(client, opts, line.split(/\s+/).filter(Boolean)[1]);
      continue;
    } else if (line.startsWith("/help") || line.startsWith("/?")) {
      const topic = line.split(/\s+/).filter(Boolean)[1];
      if (topic === undefined) help(chatUsage(opts.multiModal));
      else if (topic === "set" || topic === "/set") help(SET_USAGE);
      else if (topic === "show" || topic === "/show") help(SHOW_USAGE);
      else if (topic === "shortcut" || topic === "shortcuts") help(SHORTCUTS_USAGE);
      continue;
    } else if (line.startsWith("/exit") || line.startsWith("/bye")) {
      return;
    } else if (line.startsWith("/")) {
      const command = line.split(/\s+/).filter(Boolean)[0] ?? "/";
      // A path to an image is a message, not a command.
      const isFile = opts.multiModal && filePathsIn(line).some((path) => path.startsWith(command));
      if (!isFile) {
        say(`Unknown command '${command}'. Type /? for help`);
        continue;
      }
      text += line;
    } else {
      text += line;
    }

    if (text.length > 0 && multiline === "none") {
      const message: ChatMessage = { role: "user", content: text };
      if (opts.multiModal) {
        const { text: rest, images } = await extractAttachments(text, (note) => process.stderr.write(`${note}\n`));
        message.content = rest;
        if (images.length) message.images = images;
      }
      opts.messages.push(message);
      text = "";
      try {
        const answer = await chatAnswer(client, opts, (handler) => reader.setInterruptHandler(handler));
        if (answer) opts.messages.push(answer);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (reason.includes("does not support thinking") || reason.includes("invalid think value")) {
          say(`error: ${reason}`);
          continue;
        }
        throw error;
      }
    }
  }
}
