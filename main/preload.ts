import { contextBridge } from "electron";

// Only this small, typed surface reaches the page; desktop features are added to it one by one.
contextBridge.exposeInMainWorld("paddock", { desktop: true });
