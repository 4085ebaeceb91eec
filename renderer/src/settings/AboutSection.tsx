import { desktop } from "../api/desktop-features.js";
import type { Connection } from "../app/use-connection.js";

export function AboutSection({ connection, dataDir }: { connection: Connection; dataDir?: string }) {
  return (
    <section className="card" aria-labelledby="about-title">
      <header className="card-header">
        <h2 id="about-title">About</h2>
      </header>
      <dl className="details-grid">
        <div>
          <dt>Engine version</dt>
          <dd>{connection.version ?? "–"}</dd>
        </div>
        {desktop.appVersion && (
          <div>
            <dt>App version</dt>
            <dd>{desktop.appVersion}</dd>
          </div>
        )}
        <div>
          <dt>Chats and settings</dt>
          <dd className="mono">{dataDir ? `${dataDir}/paddock.db` : "–"}</dd>
        </div>
        <div>
          <dt>Network</dt>
          <dd>Offline by default: Paddock only goes online when you pull a model or choose another server.</dd>
        </div>
      </dl>
    </section>
  );
}
