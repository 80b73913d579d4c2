using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>Checks a query against a problem and lays both out as a <see cref="CompiledInstance"/>.</summary>
internal static class InstanceCompiler
{
    public static CompiledInstance? Compile(PartitionProblem problem, PartitionQuery query, List<QueryError> errors)
    {
        CheckQuery(problem, query, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var stages = query.Stages;
        var filtered = stages.Select(FilterCandidates).ToArray();
        var names = filtered.SelectMany(c => c).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var number = names.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        var n = problem.Layout.Count;

        var allowed = new bool[stages.Count][];
        var contradictory = false;
        for (var s = 0; s < stages.Count; s++)
        {
            allowed[s] = new bool[n];
            Array.Fill(allowed[s], !stages[s].Constraints.MustBeUnused);
            contradictory |= stages[s].Constraints is { MustBeUsed: true, MustBeUnused: true };
        }

        for (var s = 0; s < stages.Count; s++)
        {
            foreach (var layer in stages[s].Constraints.ForbiddenLayers)
            {
                var block = problem.Layout.FindBlock(layer);
                if (block >= 0)
                {
                    allowed[s][block] = false;
                }
            }

            foreach (var layer in stages[s].Constraints.RequiredLayers)
            {
                var block = problem.Layout.FindBlock(layer);
                contradictory |= block < 0;
                for (var other = 0; block >= 0 && other < stages.Count; other++)
                {
                    allowed[other][block] &= other == s;
                }
            }
        }

        var linkSeconds = new double[names.Length * names.Length];
        var linkBandwidth = new double[names.Length * names.Length];
        for (var a = 0; a < names.Length; a++)
        {
            for (var b = 0; b < names.Length; b++)
            {
                if (a != b && problem.TryGetLink(names[a], names[b], out var link))
                {
                    linkSeconds[(a * names.Length) + b] = link.LatencySeconds;
                    linkBandwidth[(a * names.Length) + b] = link.BytesPerSecond;
                }
            }
        }

        var candidates = filtered.Select(c => c.Select(name => number[name]).Order().ToArray()).ToArray();
        return new CompiledInstance
        {
            BlockCount = n,
            StageCount = stages.Count,
            StageTiers = [.. stages.Select(s => s.Tier)],
            ResourceNames = names,
            Candidates = candidates,
            Latency = [.. names.Select(name => problem.Profiles[name].Blocks.Select(b => b.LatencySeconds).ToArray())],
            Output = [.. names.Select(name => problem.Profiles[name].Blocks.Select(b => b.OutputBytes).ToArray())],
            LinkSeconds = linkSeconds,
            LinkBytesPerSecond = linkBandwidth,
            Allowed = allowed,
            MustUse = [.. stages.Select(s => s.Constraints.MustBeUsed)],
            UploadCap = [.. stages.Select(s => s.Constraints.MaxUploadBytes ?? long.MaxValue)],
            SecondsLimit = [.. stages.Select(s => s.Constraints.TimeLimit is { IsPercent: false } limit ? limit.Value : double.PositiveInfinity)],
            PercentLimit = [.. stages.Select(s => s.Constraints.TimeLimit is { IsPercent: true } limit ? limit : (TimeLimit?)null)],
            SharedCandidates = candidates.Sum(c => c.Length) != candidates.SelectMany(c => c).Distinct().Count(),
            AnyPercentLimit = stages.Any(s => s.Constraints.TimeLimit is { IsPercent: true }),
            InputBytes = query.InputBytes,
            Top = query.Top,
            Contradictory = contradictory,
        };
    }

    private static string[] FilterCandidates(PipelineStage stage)
    {
        var constraints = stage.Constraints;
        return [.. stage.Candidates.Distinct(StringComparer.Ordinal)
            .Where(name => constraints.OnlyResources is null || constraints.OnlyResources.Contains(name, StringComparer.Ordinal))
            .Where(name => !constraints.ExcludedResources.Contains(name, StringComparer.Ordinal))];
    }

    private static void CheckQuery(PartitionProblem problem, PartitionQuery query, List<QueryError> errors)
    {
        if (query.Stages.Count == 0)
        {
            errors.Add(new("stages", "at least one stage is required"));
        }

        if (query.Top < 1)
        {
            errors.Add(new("top", "must be at least 1"));
        }

        if (query.InputBytes < 0)
        {
            errors.Add(new("inputBytes", "must not be negative"));
        }

        if (query.Pareto is { Count: > 0 } pareto && (pareto.Count < 2 || pareto.Distinct().Count() != pareto.Count))
        {
            errors.Add(new("pareto", "must name two or more different objectives"));
        }

        for (var s = 0; s < query.Stages.Count; s++)
        {
            var stage = query.Stages[s];
            for (var c = 0; c < stage.Candidates.Count; c++)
            {
                if (!problem.Profiles.ContainsKey(stage.Candidates[c]))
                {
                    errors.Add(new($"stages[{s}].candidates[{c}]", $"there is no benchmark of the model on resource '{stage.Candidates[c]}'"));
                }
            }

            CheckConstraints(stage.Constraints, $"stages[{s}].constraints", errors);
        }
    }

    private static void CheckConstraints(StageConstraints constraints, string field, List<QueryError> errors)
    {
        if (constraints.RequiredLayers.Concat(constraints.ForbiddenLayers).Any(layer => layer < 0))
        {
            errors.Add(new($"{field}.layers", "layer numbers are 0 or more (say that a stage must be unused with mustBeUnused)"));
        }

        if (constraints.MaxUploadBytes < 0)
        {
            errors.Add(new($"{field}.maxUploadBytes", "must not be negative"));
        }

        if (constraints.TimeLimit is { } limit && (!double.IsFinite(limit.Value) || limit.Value < 0 || (limit.IsPercent && limit.Value > 100)))
        {
            errors.Add(new($"{field}.timeLimit", limit.IsPercent ? "a percentage must lie in 0-100" : "seconds must be finite and not negative"));
        }
    }
}
