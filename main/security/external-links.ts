export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Only web links leave the app; file:, javascript:, custom schemes and the like could run or open local things. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/** Opens a web link in the system browser; anything else is ignored. Returns whether it was opened. */
export async function openWebLink(shell: ShellLike, url: string): Promise<boolean> {
  if (!isWebUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}
