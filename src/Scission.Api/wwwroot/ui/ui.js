// The Scission page: lists the catalogue, asks a partition query through the public API, shows the ranked plans
// and the three charts. No framework and nothing fetched from anywhere but this service.
// Where the service protects reads, the key typed in the header goes with every request in X-Api-Key; it is kept
// for this tab only (sessionStorage), and charts are fetched with it too, since an <img> cannot send a header.
"use strict";

const form = document.getElementById("query");
const keyForm = document.getElementById("key");
const problem = document.getElementById("problem");
const rows = document.querySelector("#plans tbody");
const keyName = "scission.apiKey";

function headers(accept) {
  const key = sessionStorage.getItem(keyName);
  return key ? { Accept: accept, "X-Api-Key": key } : { Accept: accept };
}

async function fetchOrThrow(path, accept) {
  const response = await fetch(path, { headers: headers(accept) });
  if (!response.ok) {
    const detail = describe(await response.json().catch(() => ({ title: `${response.status} ${response.statusText}` })));
    throw new Error(response.status === 401 ? `${detail}\nEnter the service's API key at the top of the page.` : detail);
  }
  return response;
}

async function get(path) {
  return (await fetchOrThrow(path, "application/json")).json();
}

/** Shows the SVG chart at `path` in `image`; the chart's own address stays in data-href. */
async function show(image, path) {
  const blob = await (await fetchOrThrow(path, "image/svg+xml")).blob();
  const previous = image.src;
  image.src = URL.createObjectURL(blob);
  image.dataset.href = path;
  if (previous.startsWith("blob:")) {
    URL.revokeObjectURL(previous);
  }
}

function report(error, prefix = "") {
  problem.textContent = `${prefix}${error.message}`;
  problem.hidden = false;
}

function describe(problemDetails) {
  const errors = Object.entries(problemDetails.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join("; ")}`);
  return [problemDetails.detail ?? problemDetails.title, ...errors].filter(Boolean).join("\n");
}

function fill(list, items, text) {
  list.replaceChildren(...items.map((item) => {
    const entry = document.createElement("li");
    entry.textContent = text(item);
    return entry;
  }));
}

function options(select, names) {
  select.replaceChildren(...names.map((name) => new Option(name, name)));
}

function cell(row, value) {
  const td = document.createElement("td");
  td.textContent = value ?? "";
  row.appendChild(td);
}

function number(value, digits) {
  return value === null || value === undefined ? "" : Number(value).toPrecision(digits);
}

async function loadCatalogue() {
  const [machines, networks, models] = await Promise.all([get("/v1/resources"), get("/v1/networks"), get("/v1/models")]);
  fill(document.getElementById("machines"), machines, (m) => `${m.name} (${m.tier})`);
  fill(document.getElementById("networks"), networks, (n) => `${n.name}: ${n.linkCount} links`);
  fill(document.getElementById("models"), models, (m) => `${m.name}: ${m.blockCount ?? "no"} blocks, benchmarked on ${m.benchmarkedResources.length}`);
  options(form.elements.model, models.filter((m) => m.benchmarkedResources.length > 0).map((m) => m.name));
  options(form.elements.network, networks.length > 0 ? networks.map((n) => n.name) : ["default"]);
}

function queryParameters() {
  const parameters = new URLSearchParams();
  for (const name of ["network", "objective", "top", "device", "edge", "cloud"]) {
    const value = form.elements[name].value.trim();
    if (value !== "") {
      parameters.set(name, value);
    }
  }
  return parameters;
}

function select(result, row) {
  rows.querySelectorAll("tr").forEach((r) => r.classList.remove("selected"));
  row.classList.add("selected");
  return show(document.getElementById("plan-chart"), result.planChartHref);
}

async function rank(event) {
  event.preventDefault();
  problem.hidden = true;
  const model = form.elements.model.value;
  const parameters = queryParameters();
  try {
    const answer = await get(`/v1/models/${encodeURIComponent(model)}/partitions?${parameters}`);
    rows.replaceChildren();
    for (const result of answer.results) {
      const row = document.createElement("tr");
      cell(row, result.rank);
      cell(row, number(result.latencySeconds, 6));
      cell(row, number(result.throughputPerSecond, 5));
      cell(row, result.transferBytes);
      cell(row, result.deviceUploadBytes);
      cell(row, number(result.deviceEnergyJoules, 5));
      cell(row, result.config);
      row.addEventListener("click", () => select(result, row).catch((error) => report(error)));
      rows.appendChild(row);
    }

    document.getElementById("charts").hidden = answer.results.length === 0;
    const charts = [show(document.getElementById("profile-chart"), `/v1/models/${encodeURIComponent(model)}/charts/profile.svg`)];
    if (answer.results.length > 0) {
      charts.push(select(answer.results[0], rows.firstElementChild));
      const hop = answer.results[0].hops[0];
      const bandwidth = document.getElementById("bandwidth-chart");
      bandwidth.hidden = hop === undefined;
      if (hop !== undefined) {
        const sweep = new URLSearchParams(parameters);
        sweep.delete("top");
        sweep.delete("objective");
        sweep.set("source", hop.source);
        sweep.set("destination", hop.destination);
        charts.push(show(bandwidth, `/v1/models/${encodeURIComponent(model)}/charts/bandwidth.svg?${sweep}`));
        document.getElementById("bandwidth-caption").textContent = `The best plan as the bandwidth of ${hop.source} -> ${hop.destination} varies`;
      }
    }

    await Promise.all(charts);
  } catch (error) {
    report(error);
  }
}

function refresh() {
  problem.hidden = true;
  loadCatalogue().catch((error) => report(error, "The catalogue could not be read: "));
}

function useKey(event) {
  event.preventDefault();
  const key = keyForm.elements.key.value.trim();
  if (key === "") {
    sessionStorage.removeItem(keyName);
  } else {
    sessionStorage.setItem(keyName, key);
  }
  keyForm.elements.key.value = "";
  keyForm.elements.key.placeholder = key === "" ? "if the service asks" : "a key is in use";
  refresh();
}

form.addEventListener("submit", rank);
keyForm.addEventListener("submit", useKey);
if (sessionStorage.getItem(keyName)) {
  keyForm.elements.key.placeholder = "a key is in use";
}
refresh();
