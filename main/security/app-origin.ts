// Where the app's own pages come from: app://paddock/app/ (see main/protocol/app-protocol.ts). IPC handlers
// and navigation checks compare against this.

export const APP_SCHEME = "app";
export const APP_HOST = "paddock";
/** Vite builds the UI with base "/app/" (the engine serves it there too), so the app protocol uses the same path. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/app/`;

/**
 * Scheme and host (with port) of a URL, compared instead of URL.origin: Node's URL gives "null" as the
 * origin of any scheme it does not know, such as app:, while Chromium knows it as a registered standard scheme.
 */
function originKey(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (!url.host) return undefined;
    return `${url.protocol}//${url.host}`.toLowerCase();
  } catch {
    return undefined;
  }
}

export function isSameOrigin(url: string, origin: string): boolean {
  const key = originKey(url);
  return key !== undefined && key === originKey(origin);
}

export function isAppUrl(url: string): boolean {
  return isSameOrigin(url, APP_ENTRY_URL);
}

export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Whether an IPC message comes from our own page: the top frame (no iframe, even one of ours, gets the
 * desktop API) of a document from the app's origin. A frame that navigated away or closed is null.
 */
export function isTrustedSender(frame: FrameLike | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}
