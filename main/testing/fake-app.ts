import { EventEmitter } from "node:events";

/** Behaves like Electron's app for quitting: quit() emits before-quit and quits unless a listener prevented it. */
export class FakeApp extends EventEmitter {
  quitRequests = 0;
  quitted = false;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor() {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  quit(): void {
    this.quitRequests++;
    let prevented = false;
    this.emit("before-quit", { preventDefault: () => void (prevented = true) });
    if (!prevented && !this.quitted) {
      this.quitted = true;
      this.resolveDone();
    }
  }
}
