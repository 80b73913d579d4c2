// Swagger UI at /swagger in headless Chromium against a live service (SCISSION_URL, with its tiny catalogue
// seeded): every operation of the document is listed, "Try it out" on the partition query answers 200, no
// request leaves 127.0.0.1 and nothing is logged as an error. The screenshot goes to SCISSION_SCREENSHOTS (or a
// temporary folder).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const url = process.env.SCISSION_URL;
if (url === undefined) {
  throw new Error("SCISSION_URL must name a running service");
}

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

test("the docs page lists every operation and runs a partition query, all on 127.0.0.1", async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requested = [];
    const errors = [];
    page.on("request", (request) => requested.push(request.url()));
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
    page.on("pageerror", (error) => errors.push(error.message));

    const document = await (await fetch(`${url}/openapi/v1.json`)).json();
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item)).length;

    await page.goto(`${url}/swagger/index.html`, { waitUntil: "networkidle" });
    await page.waitForSelector(".opblock");
    assert.equal(await page.locator(".opblock").count(), operations, "every operation is listed");

    const operation = page.locator("#operations-Partitions-GetPartitions");
    await operation.locator(".opblock-summary").click();
    await operation.locator(".try-out__btn").click();
    await operation.locator('tr[data-param-name="model"] input').fill("tiny");
    await operation.locator(".execute").click();
    const status = operation.locator(".live-responses-table tr.response .response-col_status").first();
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), "200");

    const folder = process.env.SCISSION_SCREENSHOTS ?? await mkdtemp(join(tmpdir(), "scission-swagger-"));
    const screenshot = join(folder, "swagger-partitions.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);

    const away = requested.filter((r) => new URL(r).hostname !== "127.0.0.1");
    assert.deepEqual(away, [], "no request leaves 127.0.0.1");
    assert.deepEqual(errors, [], "no console errors");
  } finally {
    await browser.close();
  }
});
