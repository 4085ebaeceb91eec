import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium (apt-get install -y chromium); PADDOCK_CHROMIUM points elsewhere. No browser is downloaded. */
export const CHROMIUM = process.env.PADDOCK_CHROMIUM ?? "/usr/bin/chromium";

/** Why browser tests cannot run here, or false when they can. */
export const noBrowser: string | false = existsSync(CHROMIUM) ? false : `BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM} (install it: apt-get install -y chromium)`;

if (noBrowser) {
  const line = "!".repeat(noBrowser.length + 8);
  process.stderr.write(`\n${line}\n!!! ${noBrowser} !!!\n${line}\n\n`);
}

export const SCREENSHOTS = fileURLToPath(new URL("../../../test-results/screenshots/", import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** Saves a screenshot under test-results/screenshots/ (gitignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
