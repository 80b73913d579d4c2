// The Scission page: lists the catalogue, asks a partition query through the public API, shows the ranked plans
// and the three charts. No framework and nothing fetched from anywhere but this service.
"use strict";

const form = document.getElementById("query");
const problem = document.getElementById("problem");
const rows = document.querySelector("#plans tbody");

async function get(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(describe(body));
  }
  return body;
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
  document.getElementById("plan-chart").src = result.planChartHref;
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
      row.addEventListener("click", () => select(result, row));
      rows.appendChild(row);
    }

    document.getElementById("charts").hidden = answer.results.length === 0;
    document.getElementById("profile-chart").src = `/v1/models/${encodeURIComponent(model)}/charts/profile.svg`;
    if (answer.results.length > 0) {
      select(answer.results[0], rows.firstElementChild);
      const hop = answer.results[0].hops[0];
      const bandwidth = document.getElementById("bandwidth-chart");
      bandwidth.hidden = hop === undefined;
      if (hop !== undefined) {
        const sweep = new URLSearchParams(parameters);
        sweep.delete("top");
        sweep.delete("objective");
        sweep.set("source", hop.source);
        sweep.set("destination", hop.destination);
        bandwidth.src = `/v1/models/${encodeURIComponent(model)}/charts/bandwidth.svg?${sweep}`;
        document.getElementById("bandwidth-caption").textContent = `The best plan as the bandwidth of ${hop.source} -> ${hop.destination} varies`;
      }
    }
  } catch (error) {
    problem.textContent = error.message;
    problem.hidden = false;
  }
}

form.addEventListener("submit", rank);
loadCatalogue().catch((error) => {
  problem.textContent = `The catalogue could not be read: ${error.message}`;
  problem.hidden = false;
});
