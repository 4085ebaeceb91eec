import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { applyTheme, loadTheme } from "./app/theme.js";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/controls.css";
import "./styles/chat.css";
import "./styles/markdown.css";
import "./styles/models.css";
import "./styles/metrics.css";
import "./styles/settings.css";

applyTheme(loadTheme());

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
