// Swagger UI at /swagger in headless Chromium against a live service (SCISSION_URL, with its tiny catalogue
// seeded): every operation of the document is listed, "Try it out" on the partition query answers 200, no
// request leaves 127.0.0.1 and nothing is logged as an error. The screenshot goes to SCISSION_SCREENSHOTS (or a
// temporary folder).
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertLocalAndQuiet, screenshot, url, withPage } from "./browser.mjs";

test("the docs page lists every operation and runs a partition query, all on 127.0.0.1", () => withPage(async (page) => {
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

  await screenshot(page, "swagger-partitions.png");
  assertLocalAndQuiet(page);
}));
