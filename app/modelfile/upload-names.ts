// The server only takes relative file names in `files` (§9), so local paths
// become base names, or paths under the files' common directory when several
// files are sent (a safetensors tree keeps its layout).

import path from "node:path";

function isInside(root: string, dir: string): boolean {
  const relative = path.relative(root, dir);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The deepest directory holding every file, when there are two files or more. */
function commonRoot(files: string[]): string | undefined {
  if (files.length < 2) return undefined;
  let root: string | undefined;
  for (const file of files) {
    const dir = path.dirname(path.resolve(file));
    if (root === undefined) {
      root = dir;
      continue;
    }
    while (!isInside(root, dir)) {
      const parent = path.dirname(root);
      if (parent === root) return undefined;
      root = parent;
    }
  }
  return root;
}

/** Local path → the name to send for it. */
export function uploadFileNames(files: string[]): Map<string, string> {
  const root = commonRoot(files);
  const names = new Map<string, string>();
  for (const file of files) {
    let name = path.basename(file);
    if (root !== undefined) {
      const relative = path.relative(root, path.resolve(file));
      if (relative !== "" && isInside(root, path.resolve(file))) name = relative;
    }
    names.set(file, path.posix.normalize(name.split(path.sep).join("/")));
  }
  return names;
}
