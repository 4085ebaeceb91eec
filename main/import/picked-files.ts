import { randomUUID } from "node:crypto";

/**
 * Files the user chose in a native dialog, by opaque id. The page only ever names a file by this id, so a
 * compromised page cannot make the main process read a path the user never picked.
 */
export class PickedFiles {
  private readonly paths = new Map<string, string>();

  add(path: string): string {
    const id = randomUUID();
    this.paths.set(id, path);
    return id;
  }

  path(id: string): string {
    const path = this.paths.get(id);
    if (path === undefined) throw new Error("unknown file: choose it again");
    return path;
  }

  /** Forgets a file once it has been imported, so the id cannot be replayed. */
  release(id: string): void {
    this.paths.delete(id);
  }
}
