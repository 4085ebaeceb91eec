import { isAppUrl } from "./app-origin.js";
import { openWebLink, type ShellLike } from "./external-links.js";

export interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardedWebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: "deny" }): void;
  on(event: "will-navigate" | "will-redirect", listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: "will-attach-webview", listener: (event: PreventableEvent) => void): unknown;
}

/**
 * The window only ever shows the app: it opens no windows of its own, navigates nowhere else and hosts no
 * <webview>. A web link the user follows opens in the system browser instead.
 */
export function guardNavigation(contents: GuardedWebContents, shell: ShellLike): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openWebLink(shell, url);
    return { action: "deny" };
  });
  const stayInApp = (event: PreventableEvent, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openWebLink(shell, url);
  };
  contents.on("will-navigate", stayInApp);
  contents.on("will-redirect", stayInApp);
  contents.on("will-attach-webview", (event) => event.preventDefault());
}
