import os from "node:os";
import path from "node:path";

export interface HomeLookup {
  /** The current user's home directory. */
  home: string;
  /** Home directory of a named user, or undefined when there is no such user. */
  homeOf(user: string): string | undefined;
}

const systemHomes: HomeLookup = {
  home: os.homedir(),
  // Node can only look up the current user; other `~user` paths are refused.
  homeOf: (user) => (user === os.userInfo().username ? os.homedir() : undefined),
};

/**
 * Where a FROM/ADAPTER/DRAFT argument points on disk: absolute paths stay,
 * `~` and `~user` expand to home directories, anything else is relative to
 * the Modelfile's directory. The result is absolute.
 */
export function expandModelfilePath(arg: string, relativeDir: string, homes: HomeLookup = systemHomes): string {
  if (path.isAbsolute(arg) || arg.startsWith("/") || arg.startsWith("\\")) return path.resolve(arg);
  if (arg === "~" || arg.startsWith("~/")) return path.resolve(path.join(homes.home, arg.slice(1)));
  if (arg.startsWith("~")) {
    const [user = "", rest] = arg.slice(1).split(/\/(.*)/s, 2);
    const home = homes.homeOf(user);
    if (home === undefined) throw new Error(`failed to find user '${user}': user: unknown user ${user}`);
    return path.resolve(path.join(home, rest === undefined ? "" : `/${rest}`));
  }
  return path.resolve(path.join(relativeDir, arg));
}
