// Headless Debian chromium through playwright-core, shared by the page tests: a page that records every request
// and every console or page error, and the checks every test ends with.
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const url = process.env.SCISSION_URL;
if (url === undefined) {
  throw new Error("SCISSION_URL must name a running service");
}

/** Runs `body(page)` in a fresh headless browser; the page records what it requested and any error logged. */
export async function withPage(body) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.requested = [];
    page.errors = [];
    page.on("request", (request) => page.requested.push(request.url()));
    page.on("console", (message) => { if (message.type() === "error") page.errors.push(message.text()); });
    page.on("pageerror", (error) => page.errors.push(error.message));
    await body(page);
  } finally {
    await browser.close();
  }
}

/** A full-page screenshot in SCISSION_SCREENSHOTS (or a temporary folder); its path is logged. */
export async function screenshot(page, name) {
  const folder = process.env.SCISSION_SCREENSHOTS ?? await mkdtemp(join(tmpdir(), "scission-pages-"));
  const path = join(folder, name);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}

/** The host a request went to; a blob: URL (a chart the page fetched itself) names the page's origin inside. */
function hostOf(address) {
  const parsed = new URL(address);
  return parsed.protocol === "blob:" ? new URL(parsed.pathname).hostname : parsed.hostname;
}

/** Nothing left 127.0.0.1, and nothing was logged as an error but what `expected` allows. */
export function assertLocalAndQuiet(page, expected = () => false) {
  assert.deepEqual(page.requested.filter((r) => hostOf(r) !== "127.0.0.1"), [], "no request leaves 127.0.0.1");
  assert.deepEqual(page.errors.filter((e) => !expected(e)), [], "no console errors");
}
