using System.CommandLine;
using Scission.Bench;

// Each mode prints a human-readable table and, as its last line, one JSON object with the figures.
var root = new RootCommand("Scission benchmarks");
root.Subcommands.Add(SolverBenchmark.Command());
root.Subcommands.Add(PercentBenchmark.Command());
root.Subcommands.Add(DatasetBenchmark.Command());
root.Subcommands.Add(ObjectivesBenchmark.Command());
root.Subcommands.Add(DatasetUpload.Command());
root.Subcommands.Add(HttpBenchmark.Command());
root.Subcommands.Add(ProfileBenchmark.Command());
return root.Parse(args).Invoke();
