using Scission.Api.Partitions;
using Scission.Domain.Catalog;
using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Api.OpenApi;

/// <summary>The words of the contract: tags, operations and parameters, described once for every route that has them.</summary>
internal static class ContractText
{
    public static IReadOnlyDictionary<string, string> Tags { get; } = new Dictionary<string, string>
    {
        ["Resources"] = "The machines a model may run on, each on a tier: device (where the data is produced), edge or cloud.",
        ["Networks"] = "Named sets of directed links between machines, each with a latency and a bandwidth (typed in or measured by the agent's probe).",
        ["Models"] = "Models by name (any case), registered by name or uploaded as ONNX files, which the service cuts into blocks.",
        ["Benchmarks"] = "Per-block measurements of a model on a machine: the time each block takes and the bytes it outputs. The first benchmark of a model fixes its block layout.",
        ["Operations"] = "Benchmark runs on the service's own machine, and the long-running operations that follow them.",
        ["Partitions"] = "Every way to split a model across a pipeline of machines, ranked by end-to-end latency (or throughput, bytes or device energy) under your constraints, with what-if links and sensitivity.",
        ["Charts"] = "SVG charts of a model's profile, of one ranked plan, and of the best plan across a link's bandwidth.",
        ["Health"] = "Liveness and readiness for load balancers and orchestrators.",
    };

    public static IReadOnlyDictionary<string, string> Operations { get; } = new Dictionary<string, string>
    {
        ["ListResources"] = "Every registered machine, in name order.",
        ["GetResource"] = "One machine; its ETag is its version, for If-Match on a later write.",
        ["PutResource"] = "Registers a machine or replaces its tier and description. 201 when new, 200 when replaced; the ETag header is the version written. With If-Match, 412 when the machine moved on.",
        ["DeleteResource"] = "Deletes a machine. While links or benchmarks use it the answer is 409, unless force=true, which deletes them too.",
        ["ListNetworks"] = "Every network that holds links, with how many.",
        ["ListLinks"] = "The links of a network, each with how it was measured when a probe measured it.",
        ["GetLink"] = "One directed link; its ETag is its version.",
        ["PutLink"] = "Creates or replaces the directed link from source to destination (both registered machines). A measurement, when given, is kept beside the figures; figures typed in clear an earlier one.",
        ["DeleteLink"] = "Deletes one directed link.",
        ["DeleteNetwork"] = "Deletes every link of a network.",
        ["ImportLinks"] = "Imports the original tool's network CSV (source,destination,ping(ms),bandwidth(mbps)) into a network: every link or none, with each bad row named.",
        ["ListModels"] = "Every registered model, in name order, with its layout once known.",
        ["GetModel"] = "One model: its block layout (once a benchmark or its ONNX file fixes it), the machines that have a benchmark of it, and its ONNX analysis when it came as a file.",
        ["PutModel"] = "Registers a model by name, or replaces its description; its benchmarks stay. The same route with application/octet-stream uploads an ONNX file (see UploadModel).",
        ["DeleteModel"] = "Deletes a model, its benchmarks and its file.",
        ["UploadModel"] = "Uploads an ONNX file. The service finds the cut points where one activation tensor crosses, groups the layers between them into blocks, records each block's output size, and keeps the file for segments and server-side benchmark runs. 409 when stored benchmarks have another layout.",
        ["DownloadModel"] = "The model's ONNX file as uploaded.",
        ["GetSegment"] = "A stand-alone ONNX model of layers first to last, both on block boundaries: what one stage of a partition runs. Consecutive segments connect by tensor name.",
        ["ListBenchmarks"] = "Which machines have a benchmark of the model, with when each was stored and measured.",
        ["GetBenchmark"] = "The model's benchmark on one machine: every block's time and output size, and how it was measured. Its ETag is its version.",
        ["PutBenchmark"] = "Stores the model's benchmark on one machine (the block objects of the original tool's data can be sent as they are). The first benchmark fixes the model's layout; a benchmark with another layout is a 409.",
        ["DeleteBenchmark"] = "Deletes the model's benchmark on one machine; with the last one gone, a model without a file may take another layout.",
        ["PostBenchmark"] = "Stores a benchmark of the model on the machine the body names, in the shape GetBenchmark answers: a benchmark read from one service can be posted to another as it is. 201 with Location when new, 200 when it replaced one.",
        ["PostBenchmarks"] = "Stores many benchmarks of any models in one transaction: all of them or none. An invalid item, or one the store refuses (unknown model or machine, a layout that differs), is named by its index in the problem's errors.",
        ["StartBenchmarkRun"] = "Benchmarks the model's ONNX file on the service's own machine with ONNX Runtime, as the resource named: 202 with the operation to follow. Runs go one at a time; a full queue is a 503.",
        ["GetOperation"] = "A benchmark run: queued, running (with progress), succeeded (with where its benchmark is) or failed (with why). Any replica reports any run.",
        ["GetPartitions"] = "The original tool's query: every partition of the model over device, edge and cloud, ranked by end-to-end latency (compute on each machine plus latency and bytes over bandwidth on each hop), best first, under the constraints given. Answers are cached until an input changes; Cache-Status says where an answer came from.",
        ["SearchPartitions"] = "A partition search over any pipeline of stages, each with the machines it may use and its own constraints; ranked by latency as GetPartitions, or by another objective, or as a Pareto front of several; links may be overridden or scaled for this question alone, and sensitivity says how far each link the best plan uses may move before another plan is best.",
        ["GetProfileChart"] = "The model's benchmarks as an SVG chart: per block, a bar of its latency on each machine (all benchmarked ones, or those named), and its output size as a line.",
        ["GetPlanChart"] = "One ranked plan of a partition query as an SVG chart: each used stage's compute coloured by tier and each hop's transfer, in order. The query is GetPartitions' parameters, or a SearchPartitions body as JSON in search; every result links its own as planChartHref.",
        ["GetBandwidthChart"] = "Latency against one link's bandwidth (log scale) for every plan that is best somewhere in the range, computed exactly, with each crossover and the link's stored bandwidth marked; the query is GetPartitions' parameters.",
        ["GetLiveness"] = "200 while the process runs.",
        ["GetReadiness"] = "200 when the store answers (Degraded while Redis is away: answers are then computed); 503 when the store does not answer.",
    };

    public sealed record Example(string Summary, string Value);

    public sealed record Parameter(string Description, IReadOnlyDictionary<string, Example>? Examples = null);

    private const string CriteriaSyntax =
        "The original tool's criteria for this tier, comma-separated: a number is a layer the tier must run and !number "
        + "one it must not; -1 means the tier is unused and !-1 that it is used; a name allows only that machine and "
        + "!name excludes it (naming a machine either way also makes the tier used). An item of digits only is a layer.";

    public static IReadOnlyDictionary<string, Parameter> Parameters { get; } = new Dictionary<string, Parameter>
    {
        ["name"] = new($"The machine's name: {ResourceName.Rule}."),
        ["model"] = new($"The model's name, matched ignoring case: {CatalogName.Rule}."),
        ["resource"] = new("The machine's name."),
        ["network"] = new($"The network's name ({CatalogName.Rule}); for a partition query, the network whose links are used (default: {PartitionRequest.DefaultNetwork})."),
        ["source"] = new("The machine the link starts at."),
        ["destination"] = new("The machine the link ends at."),
        ["id"] = new("The operation's id, from the Location of the 202 that started it."),
        ["range"] = new("first-last layer of the segment, both on block boundaries.", new Dictionary<string, Example> { ["layers"] = new("layers 0 to 12", "0-12") }),
        ["force"] = new("Also delete the links and benchmarks that use the machine."),
        ["If-Match"] = new("The ETag of the version this write was based on (or * for any existing version): the write is refused with 412 when the entry moved on."),
        ["dims"] = new("Values for the model's symbolic input dimensions, by name (every input that has it) or position (dimN).", new Dictionary<string, Example> { ["batch"] = new("batch of one", "batch:1"), ["sequence"] = new("128 tokens", "sequence:128") }),
        ["cuts"] = new($"Which positions become cuts: {Scission.Onnx.CutRule.Rule} (default {Scission.Onnx.CutRule.Default}: most modern models have few single-tensor cuts; a cut's bytes are the sum of its tensors').", new Dictionary<string, Example>
        {
            ["all"] = new("every position where activations cross", "all"),
            ["single"] = new("the original tool's rule: one tensor crosses", "single"),
            ["capped"] = new("at most three tensors cross", "3"),
        }),
        ["vocabulary"] = new($"Integer inputs that are token ids are drawn below this in analyses and benchmarks (1 to {Scission.Onnx.AnalysisOptions.MaxVocabulary}, default {Scission.Onnx.DeterministicInput.DefaultVocabulary}); masks are ones, token type ids zeros."),
        ["description"] = new("Free text kept with the model."),
        ["bandwidthScale"] = new("Multiplies every link's bandwidth for this query alone (default 1; above 0, at most 1000000): 0.5 halves every link's bandwidth."),
        ["latencyScale"] = new("Multiplies every link's latency for this query alone (default 1; above 0, at most 1000000): 2 doubles every link's latency."),
        ["resources"] = new("Comma-separated machines to draw (default: every benchmarked one).", new Dictionary<string, Example> { ["two"] = new("two machines", "raspi4,6700k(GPU)") }),
        ["objective"] = new("What to rank by: latency (default), throughput (highest first), transferBytes, deviceUploadBytes or deviceEnergy (needs power figures on the device); ties fall back to latency, then the path order."),
        ["rank"] = new("Which plan of the answer to draw, from 1 (default 1)."),
        ["search"] = new("A SearchPartitions body as JSON, instead of GetPartitions' parameters.", new Dictionary<string, Example> { ["objective"] = new("by device upload", "{\"objective\":\"deviceUploadBytes\"}") }),
        ["fromMbps"] = new("Lowest bandwidth drawn, in Mbps (default 0.1)."),
        ["toMbps"] = new("Highest bandwidth drawn, in Mbps (default 1000)."),
        ["top"] = new($"How many partitions to answer, best first (1 to Limits:MaxTop, default {PartitionQuery.DefaultTop})."),
        ["inputMB"] = new($"The model's input in megabytes, sent over the first hop when the device runs no block (default {PartitionQuery.DefaultInputBytes / 1e6:0.##}, the original tool's)."),
        ["device"] = new(CriteriaSyntax, Criteria),
        ["edge"] = new(CriteriaSyntax, Criteria),
        ["cloud"] = new(CriteriaSyntax, Criteria),
        ["deviceUploadMB"] = new("The most megabytes the device may send on its outgoing hop."),
        ["edgeUploadMB"] = new("The most megabytes the edge may send on its outgoing hop."),
        ["deviceTime"] = new("The most time the device's blocks may take: seconds, or a percentage of the plan's total compute (50%).", Limits),
        ["edgeTime"] = new("The most time the edge's blocks may take: seconds, or a percentage of the plan's total compute.", Limits),
        ["cloudTime"] = new("The most time the cloud's blocks may take: seconds, or a percentage of the plan's total compute.", Limits),
    };

    private static IReadOnlyDictionary<string, Example> Criteria => new Dictionary<string, Example>
    {
        ["unused"] = new("the tier runs nothing", "-1"),
        ["used"] = new("the tier runs at least one layer", "!-1"),
        ["layers"] = new("the tier runs layer 10 and not layer 3", "10,!3"),
        ["machine"] = new("used, and never on this machine", "!-1,!raspi4"),
    };

    private static IReadOnlyDictionary<string, Example> Limits => new Dictionary<string, Example>
    {
        ["seconds"] = new("at most half a second", "0.5"),
        ["percent"] = new("at most half of the plan's compute", "50%"),
    };
}
