import type { ExistingServer } from "./existing-server.js";

export type ExistingServerChoice = "use" | "own" | "quit";

export interface MessageBoxOptionsLike {
  type: "question" | "warning";
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

export type ShowMessageBox = (options: MessageBoxOptionsLike) => Promise<{ response: number }>;

/**
 * Asks what to do when the engine's address is taken. A running Ollama-compatible server can simply be
 * used; the app can always run its own engine on another port instead (the API is then not at the usual
 * address), or quit.
 */
export async function askAboutExistingServer(
  showMessageBox: ShowMessageBox,
  existing: Exclude<ExistingServer, { kind: "none" }>,
  url: string,
): Promise<ExistingServerChoice> {
  const choices: Array<[ExistingServerChoice, string]> =
    existing.kind === "other"
      ? [
          ["own", "Start Paddock on another port"],
          ["quit", "Quit"],
        ]
      : [
          ["use", "Use the running server"],
          ["own", "Start Paddock on another port"],
          ["quit", "Quit"],
        ];
  const name = existing.kind === "paddock" ? "Paddock" : "Ollama";
  const { response } = await showMessageBox({
    type: existing.kind === "other" ? "warning" : "question",
    title: "Paddock",
    message:
      existing.kind === "other"
        ? `Another program is using ${url}.`
        : `${name} ${existing.version} is already running at ${url}.`,
    detail:
      existing.kind === "other"
        ? `It is not an Ollama-compatible server (${existing.detail}). Paddock can run its engine on another port for this session.`
        : `Paddock can use it: your models and the API stay where they are.${existing.kind === "ollama" ? " Chat history needs Paddock's own engine." : ""}`,
    buttons: choices.map(([, label]) => label),
    defaultId: 0,
    cancelId: choices.length - 1,
    noLink: true,
  });
  return choices[response]?.[0] ?? "quit";
}
