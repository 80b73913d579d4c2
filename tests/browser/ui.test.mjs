// The service's own page at /ui in headless Chromium against a live service (SCISSION_URL, with its tiny
// catalogue seeded): the catalogue is listed, a query shows ranked plans, the three charts render, a click on
// another plan redraws its chart; no request leaves 127.0.0.1 and nothing is logged as an error. The screenshot
// goes to SCISSION_SCREENSHOTS (or a temporary folder). A second service with reads protected
// (SCISSION_PROTECTED_URL, its key in SCISSION_PROTECTED_KEY, the same catalogue) shows the page asking for the
// key, then working with it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertLocalAndQuiet, screenshot, url, withPage } from "./browser.mjs";

const protectedUrl = process.env.SCISSION_PROTECTED_URL;
const protectedKey = process.env.SCISSION_PROTECTED_KEY;

async function rendered(page, selector) {
  await page.waitForFunction((s) => {
    const image = document.querySelector(s);
    return image !== null && image.complete && image.naturalWidth > 0;
  }, selector);
}

test("the page lists the catalogue, ranks plans and draws the three charts, all on 127.0.0.1", () => withPage(async (page) => {
  await page.goto(`${url}/ui`, { waitUntil: "networkidle" });
  await page.waitForSelector("#models li");
  assert.deepEqual(await page.locator("#machines li").allInnerTexts(), ["box (edge)", "pi (device)"]);
  assert.match(await page.locator("#models li").first().innerText(), /^tiny: 2 blocks/);

  await page.selectOption("select[name=model]", "tiny");
  await page.fill("input[name=top]", "3");
  await page.click("#query button[type=submit]");
  await page.waitForSelector("#plans tbody tr");
  assert.ok(await page.locator("#plans tbody tr").count() >= 2, "plans are shown");
  assert.match(await page.locator("#plans tbody tr").first().innerText(), /Device\(pi\)/);

  await rendered(page, "#plan-chart");
  await rendered(page, "#bandwidth-chart");
  await rendered(page, "#profile-chart");
  const first = await page.getAttribute("#plan-chart", "src");
  await page.locator("#plans tbody tr").nth(1).click();
  await page.waitForFunction((before) => document.querySelector("#plan-chart").getAttribute("src") !== before, first);
  await rendered(page, "#plan-chart");

  await page.fill("input[name=device]", "nonsense!!");
  await page.click("#query button[type=submit]");
  await page.waitForSelector("#problem:not([hidden])");
  assert.match(await page.locator("#problem").innerText(), /device/);

  await page.fill("input[name=device]", "");
  await page.click("#query button[type=submit]");
  await rendered(page, "#bandwidth-chart");
  await screenshot(page, "ui-plans-and-charts.png");

  // The refused query answers 400, which Chromium logs as a failed resource load: that one is expected.
  assertLocalAndQuiet(page, (error) => error.includes("400"));
}));

test("with reads protected the page asks for the API key, then lists, ranks and draws with it", {
  skip: protectedUrl === undefined || protectedKey === undefined ? "SCISSION_PROTECTED_URL and SCISSION_PROTECTED_KEY name no protected service" : false,
}, () => withPage(async (page) => {
  const keys = [];
  page.on("request", (request) => keys.push(request.headers()["x-api-key"]));
  await page.goto(`${protectedUrl}/ui`, { waitUntil: "networkidle" });
  await page.waitForSelector("#problem:not([hidden])");
  assert.match(await page.locator("#problem").innerText(), /API key/);
  assert.equal(await page.locator("#models li").count(), 0);

  await page.fill("input[name=key]", protectedKey);
  await page.click("#key button");
  await page.waitForSelector("#models li");
  assert.equal(await page.locator("#problem").isHidden(), true);
  assert.equal(await page.inputValue("input[name=key]"), "", "the key is not left in the field");

  await page.selectOption("select[name=model]", "tiny");
  await page.click("#query button[type=submit]");
  await page.waitForSelector("#plans tbody tr");
  await rendered(page, "#plan-chart");
  await rendered(page, "#bandwidth-chart");
  await rendered(page, "#profile-chart");
  assert.match(await page.getAttribute("#plan-chart", "data-href"), /\/charts\/plan\.svg\?/);

  // The key stays with the tab: a reload lists the catalogue without asking again.
  await page.reload({ waitUntil: "networkidle" });
  await page.waitForSelector("#models li");
  assert.ok(keys.filter((k) => k === protectedKey).length >= 8, "the catalogue, the query and the charts carried the key");
  await screenshot(page, "ui-protected.png");

  // Before the key was given, the catalogue's reads were refused with 401.
  assertLocalAndQuiet(page, (error) => error.includes("401"));
}));
