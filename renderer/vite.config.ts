import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Everything the UI needs is bundled: no web fonts, no CDN, so the app works offline and makes no
// request the user did not ask for.
export default defineConfig({
  root: import.meta.dirname,
  base: "/app/",
  plugins: [react()],
  build: { outDir: "../out/renderer", emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
