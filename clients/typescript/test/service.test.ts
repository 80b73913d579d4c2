// The generated client against a live service: SCISSION_URL (and SCISSION_API_KEY) name it. The shared data set
// (SCISSION_DATASET_DIR) and an ONNX model (SCISSION_ONNX_MODEL) are needed by the tests that use them; without
// them those tests are skipped, with the reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { createScissionClient } from "../src/index.js";
import type { components } from "../src/index.js";

const url = process.env.SCISSION_URL;
const apiKey = process.env.SCISSION_API_KEY;
const dataset = process.env.SCISSION_DATASET_DIR;
const onnxModel = process.env.SCISSION_ONNX_MODEL;
if (url === undefined) {
  throw new Error("SCISSION_URL must name a running service");
}

const client = createScissionClient(url, apiKey === undefined ? {} : { apiKey });

type BlockBody = components["schemas"]["BlockBody"];
type Tier = components["schemas"]["Tier"];

interface DatasetFile {
  system: string;
  tier: Tier;
  models: Record<string, BlockBody[]>;
}

async function readDataset(directory: string): Promise<DatasetFile[]> {
  const files = (await readdir(directory)).filter((f) => f.endsWith(".json") && !f.startsWith("network_stats"));
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(directory, f), "utf8")) as DatasetFile));
}

// The original tool's published answer for vgg19, device !-1, edge 10, cloud 16, network_stats.csv, top 5.
const publishedVgg19 = [
  "[1] 9.0106s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
  "[2] 9.0594s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
  "[3] 9.0721s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
  "[4] 9.1209s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
  "[5] 9.1511s - 3.2115MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 12, Cloud(6700k(GPU)) = 13 - 25",
];

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

test("the shared data set registers through the client and vgg19 answers as published", { skip: dataset === undefined && "SCISSION_DATASET_DIR is not set" }, async () => {
  const files = await readDataset(dataset!);
  for (const file of files) {
    const { response } = await client.PUT("/v1/resources/{name}", { params: { path: { name: file.system } }, body: { tier: file.tier } });
    assert.ok(response.status === 200 || response.status === 201, `PUT resource ${file.system}: ${response.status}`);
  }

  const models = [...new Set(files.flatMap((f) => Object.keys(f.models)))];
  for (const model of models) {
    const { response } = await client.PUT("/v1/models/{model}", { params: { path: { model } }, body: { description: "Scission UCC 2020 data" } });
    assert.ok(response.ok, `PUT model ${model}: ${response.status}`);
  }

  const batch = files.flatMap((f) => Object.entries(f.models).map(([model, blocks]) => ({ model, resource: f.system, blocks })));
  const stored = await client.POST("/v1/benchmarks", { body: batch });
  assert.equal(stored.response.status, 200);
  assert.equal(stored.data?.stored.length, batch.length);

  for (const [network, file] of [["default", "network_stats.csv"], ["wired", "network_stats_wired.csv"]] as const) {
    const csv = await readFile(join(dataset!, file), "utf8");
    const { data, response } = await client.POST("/v1/networks/{network}/links/import", {
      params: { path: { network } },
      body: csv,
      bodySerializer: (body) => body,
      headers: { "Content-Type": "text/csv" },
    });
    assert.equal(response.status, 200, `import ${file}`);
    assert.ok((data?.imported ?? 0) > 0);
  }

  const { data, error } = await client.GET("/v1/models/{model}/partitions", {
    params: { path: { model: "vgg19" }, query: { device: "!-1", edge: "10", cloud: "16", top: 5 } },
  });
  assert.equal(error, undefined);
  const lines = data!.results.map((r) => `[${r.rank}] ${round4(r.latencySeconds)}s - ${round4(r.transferBytes / 1e6)}MB - ${r.config}`);
  assert.deepEqual(lines, publishedVgg19);
});

test("a structured search ranks a pipeline of stages with constraints", { skip: dataset === undefined && "SCISSION_DATASET_DIR is not set" }, async () => {
  const { data, response } = await client.POST("/v1/models/{model}/partitions/search", {
    params: { path: { model: "vgg19" } },
    body: {
      network: "default",
      top: 3,
      stages: [
        { tier: "device", resources: ["raspi4"], constraints: { mustBeUsed: true } },
        { tier: "edge" },
        { tier: "cloud", resources: ["6700k(GPU)"] },
      ],
    },
  });
  assert.equal(response.status, 200);
  const results = data!.results;
  assert.equal(results.length, 3);
  for (let i = 1; i < results.length; i++) {
    assert.ok(results[i - 1]!.latencySeconds <= results[i]!.latencySeconds, "ranked best first");
  }
  for (const result of results) {
    assert.equal(result.stages[0]?.resource, "raspi4");
    assert.ok(result.stages.every((s) => s.tier !== "cloud" || s.resource === "6700k(GPU)"));
  }
});

test("an uploaded ONNX model gives its layout and a segment", { skip: onnxModel === undefined && "SCISSION_ONNX_MODEL is not set" }, async () => {
  const bytes = await readFile(onnxModel!);
  // Binary bodies are outside what a JSON client types: the upload goes through fetch with the same key.
  const upload = await fetch(`${url}/v1/models/tsclient-model/file`, {
    method: "PUT",
    headers: { "Content-Type": "application/octet-stream", ...(apiKey === undefined ? {} : { "X-Api-Key": apiKey }) },
    body: bytes,
  });
  assert.ok(upload.status === 200 || upload.status === 201, `upload: ${upload.status}`);

  const { data: model } = await client.GET("/v1/models/{model}", { params: { path: { model: "tsclient-model" } } });
  const layout = model!.layout!;
  assert.ok(layout.length > 1, "the model is cut into blocks");
  // Each boundary lists every tensor crossing it; its bytes are theirs together.
  for (const block of model!.onnx!.blocks) {
    assert.ok(block.tensors.length >= 1, `block ${block.block} hands on something`);
    assert.equal(block.bytes, block.tensors.reduce((sum, t) => sum + t.bytes, 0));
  }
  const last = layout[1]!.lastLayer;
  const segment = await client.GET("/v1/models/{model}/segments/{range}", {
    params: { path: { model: "tsclient-model", range: `0-${last}` } },
    parseAs: "arrayBuffer",
  });
  assert.equal(segment.response.status, 200);
  assert.equal(segment.response.headers.get("content-type"), "application/octet-stream");
  assert.ok((segment.data as ArrayBuffer).byteLength > 0);
});

test("bad input is answered with problem details that name the field", async () => {
  const bad = await client.PUT("/v1/resources/{name}", { params: { path: { name: "tsclient-pi" } }, body: { tier: "moon" as Tier } });
  assert.equal(bad.response.status, 400);
  assert.equal(bad.response.headers.get("content-type"), "application/problem+json");
  assert.ok(bad.error !== undefined && "errors" in bad.error, "a validation problem");
  assert.ok((bad.error.errors?.["tier"]?.length ?? 0) > 0, "it names the field");

  const missing = await client.GET("/v1/models/{model}", { params: { path: { model: "tsclient-nothing" } } });
  assert.equal(missing.response.status, 404);
  assert.match(missing.error?.detail ?? "", /not registered/);

  const first = await client.PUT("/v1/resources/{name}", { params: { path: { name: "tsclient-pi" } }, body: { tier: "device" } });
  const etag = first.response.headers.get("etag")!;
  await client.PUT("/v1/resources/{name}", { params: { path: { name: "tsclient-pi" } }, body: { tier: "device", description: "moved on" } });
  const stale = await client.PUT("/v1/resources/{name}", {
    params: { path: { name: "tsclient-pi" }, header: { "If-Match": etag } },
    body: { tier: "edge" },
  });
  assert.equal(stale.response.status, 412);
  assert.match(stale.error?.detail ?? "", /version/);
});
