import { useEngine } from "../app/engine-context.js";
import type { DownloadView } from "../api/types.js";
import { useToast } from "../ui/toast.js";
import { errorText } from "../ui/errors.js";
import { withTag } from "./model-name.js";
import { etaSeconds } from "./pull-state.js";
import { PullCard } from "./PullCard.js";
import { usePulls, wasPulledInsecurely } from "./pulls-context.js";

interface ServerGroup {
  model: string;
  key: string;
  total: number;
  completed: number;
  speed: number;
  downloading: boolean;
  error?: string;
}

/** Downloads the engine holds that no pull of this window drives: paused ones, or another window's. */
function serverGroups(downloads: DownloadView[], localKeys: Set<string>): ServerGroup[] {
  const groups = new Map<string, ServerGroup>();
  for (const download of downloads) {
    const key = withTag(download.model);
    if (!download.model || localKeys.has(key)) continue;
    const group = groups.get(key) ?? { model: download.model, key, total: 0, completed: 0, speed: 0, downloading: false };
    group.total += download.total;
    group.completed += download.completed;
    group.speed += download.speed;
    group.downloading ||= download.state === "downloading" || download.state === "verifying";
    if (download.error) group.error = download.error;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Every pull: this window's, with live progress, and the engine's paused or foreign ones. */
export function PullList({ downloads, onChanged }: { downloads: DownloadView[] | undefined; onChanged(): void }) {
  const { client } = useEngine();
  const { pulls, start, pause, resume, cancel, dismiss } = usePulls();
  const notify = useToast();
  const groups = serverGroups(downloads ?? [], new Set(pulls.map((pull) => pull.key)));
  if (pulls.length === 0 && groups.length === 0) return null;
  const run = (action: () => Promise<unknown>) => void action().then(onChanged, (failure: unknown) => notify(errorText(failure), "error"));
  return (
    <section className="pull-list" aria-label="Downloads">
      {pulls.map((pull) => (
        <PullCard
          key={pull.key}
          name={pull.key}
          phase={pull.phase}
          status={pull.status}
          total={pull.total}
          completed={pull.completed}
          speed={pull.speed}
          eta={etaSeconds(pull)}
          error={pull.error}
          onPause={pull.phase === "pulling" || pull.phase === "starting" ? () => pause(pull.key) : undefined}
          onResume={pull.phase === "paused" || pull.phase === "failed" ? () => resume(pull.key) : undefined}
          onCancel={pull.phase !== "done" ? () => run(() => cancel(pull.key)) : undefined}
          onDismiss={pull.phase === "done" ? () => dismiss(pull.key) : undefined}
        />
      ))}
      {groups.map((group) => (
        <PullCard
          key={group.key}
          name={group.key}
          phase={group.downloading ? "elsewhere" : group.error ? "failed" : "paused"}
          status=""
          total={group.total}
          completed={group.completed}
          speed={group.speed}
          error={group.error}
          onResume={group.downloading ? undefined : () => start(group.model, { insecure: wasPulledInsecurely(group.key) })}
          onCancel={() => run(() => client.discardDownloads(group.model))}
        />
      ))}
    </section>
  );
}
