import { contextBridge, ipcRenderer } from "electron";
import { DESKTOP_API_KEY } from "./ipc/contract.js";
import { createDesktopApi } from "./ipc/desktop-api.js";

// Only this small, typed surface reaches the page (window.paddock); see main/ipc/contract.ts.
contextBridge.exposeInMainWorld(DESKTOP_API_KEY, createDesktopApi(ipcRenderer, process.argv));
