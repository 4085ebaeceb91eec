import { isAppUrl } from "./app-origin.js";
import { withContentSecurityPolicy } from "./content-security-policy.js";

/** Copying an answer is the one browser permission the UI needs. */
const ALLOWED_PERMISSIONS = new Set(["clipboard-sanitized-write"]);

export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  webRequest: {
    onHeadersReceived(
      filter: { urls: string[] },
      listener: (details: { resourceType: string; responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void,
    ): void;
  };
}

export function isPermissionAllowed(permission: string, url: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && url !== undefined && isAppUrl(url);
}

/**
 * Denies every permission but the clipboard, and puts the CSP on every document the session loads over
 * http(s) as well: the app protocol sets it itself, this covers a page that ever comes from a server.
 */
export function hardenSession(session: SessionLike, policy: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, origin) => isPermissionAllowed(permission, origin));
  session.webRequest.onHeadersReceived({ urls: ["http://*/*", "https://*/*"] }, (details, callback) => {
    const isDocument = details.resourceType === "mainFrame" || details.resourceType === "subFrame";
    callback(isDocument ? { responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) } : {});
  });
}
