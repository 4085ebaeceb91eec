// What each IPC call does: native dialogs, the GGUF import and links. The Electron pieces come in as plain
// functions so tests can stand in for them.

import { stat } from "node:fs/promises";
import { basename, isAbsolute } from "node:path";
import type { OpenDialogOptions } from "electron";
import { importGguf } from "../import/gguf-import.js";
import { hasGgufMagic } from "../import/gguf-magic.js";
import { modelNameFromFile } from "../import/model-name-from-file.js";
import { PickedFiles } from "../import/picked-files.js";
import { openWebLink, type ShellLike } from "../security/external-links.js";
import type { InvokeHandlers } from "./register-handlers.js";

export interface DesktopHandlerDeps {
  /** dialog.showOpenDialog, parented to the main window when there is one. */
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  shell: ShellLike & {
    /** shell.openPath: resolves to an error message, "" on success. */
    openPath(path: string): Promise<string>;
  };
  /** The engine imports go to (embedded or external). */
  engineUrl(): string;
  /** Restarts the hosted engine; throws when there is none to restart. */
  restartEngine(): Promise<void>;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export function desktopHandlers(deps: DesktopHandlerDeps, picked = new PickedFiles()): InvokeHandlers {
  return {
    async chooseGguf() {
      const choice = await deps.showOpenDialog({
        title: "Import a GGUF model",
        buttonLabel: "Import",
        properties: ["openFile"],
        filters: [
          { name: "GGUF models", extensions: ["gguf"] },
          { name: "All files", extensions: ["*"] },
        ],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || path === undefined) return { canceled: true };
      if (!(await hasGgufMagic(path))) throw new Error(`${basename(path)} is not a GGUF file`);
      const { size } = await stat(path);
      return { canceled: false, file: { id: picked.add(path), fileName: basename(path), size, suggestedModel: modelNameFromFile(path) } };
    },

    async importGguf({ fileId, model }, context) {
      const result = await importGguf({
        engineUrl: deps.engineUrl(),
        path: picked.path(fileId),
        model,
        onProgress: (step) => context.emit("importProgress", { fileId, ...step }),
      });
      picked.release(fileId);
      return result;
    },

    async chooseDirectory({ title, defaultPath }) {
      const choice = await deps.showOpenDialog({
        title: title ?? "Choose a folder",
        buttonLabel: "Choose",
        properties: ["openDirectory", "createDirectory"],
        ...(defaultPath ? { defaultPath } : {}),
      });
      const path = choice.filePaths[0];
      return { path: choice.canceled || path === undefined ? null : path };
    },

    async showFolder({ path }) {
      // openPath on a file opens it with its default program, which could run it; a folder only opens a window.
      if (!isAbsolute(path) || !(await isDirectory(path))) throw new Error(`${path} is not a folder`);
      const failure = await deps.shell.openPath(path);
      if (failure) throw new Error(failure);
      return {};
    },

    async restartEngine() {
      await deps.restartEngine();
      return {};
    },

    async openExternal({ url }) {
      return { opened: await openWebLink(deps.shell, url) };
    },
  };
}
