using System.Globalization;
using Scission.Domain.Model;
using Scission.Domain.Search;

namespace Scission.Api.Partitions;

/// <summary>
/// What a partition question asks beyond the stages: the objective or Pareto front, the sensitivity of the best
/// plan, and what-if changes to the links for this question alone (the stored links are never touched).
/// </summary>
internal sealed record PlanOptions(
    Objective Objective,
    IReadOnlyList<Objective>? Pareto,
    IReadOnlyList<LinkOverride> Overrides,
    double LatencyScale,
    double BandwidthScale,
    bool Sensitivity)
{
    public static PlanOptions Default { get; } = new(Objective.Latency, null, [], 1, 1, false);

    /// <summary>The fields a refusal of the scales names: <c>linkScale.latency</c> and <c>linkScale.bandwidth</c> in a search body, the query parameters on GET.</summary>
    public (string Latency, string Bandwidth) ScaleFields { get; init; } = ("linkScale.latency", "linkScale.bandwidth");

    private bool IsPlain => Objective == Objective.Latency && Pareto is null && !ChangesLinks && !Sensitivity;

    /// <summary>Whether the question changes any link.</summary>
    public bool ChangesLinks => Overrides.Count > 0 || LatencyScale != 1 || BandwidthScale != 1;

    /// <summary>
    /// A stable text form for cache keys: overrides in the order given (a refusal names their positions, and of two
    /// for one link the later wins), numbers round-trip exact; the plain question (every cached GET without
    /// options) is one constant, as it is built on every request.
    /// </summary>
    public string CanonicalText() => IsPlain ? "-" : string.Join(
        ';',
        Objective,
        Pareto is null ? "-" : string.Join(',', Pareto),
        string.Join(',', Overrides.Select(o => $"{o.Source}>{o.Destination}:{Number(o.LatencyMs)}:{Number(o.BandwidthMbps)}")),
        Number(LatencyScale),
        Number(BandwidthScale),
        // A refusal of a scale names the route's own field, so the routes do not share scaled answers.
        LatencyScale != 1 || BandwidthScale != 1 ? ScaleFields.Bandwidth : "-",
        Sensitivity);

    /// <summary>
    /// The links the question sees: every stored link scaled, then each override put in its place (an override
    /// sets its figures as given, unscaled); a link the store lacks needs both figures, and an override must name
    /// machines the question knows (a misspelt name would otherwise add a link nothing uses). Errors name the field.
    /// </summary>
    public PartitionProblem Apply(PartitionProblem problem, Dictionary<string, string[]> errors)
    {
        if (!ChangesLinks)
        {
            return problem;
        }

        var links = problem.Links.ToDictionary(l => (l.Source, l.Destination), l => l with { LatencyMs = l.LatencyMs * LatencyScale, BandwidthMbps = l.BandwidthMbps * BandwidthScale });
        for (var i = 0; i < Overrides.Count; i++)
        {
            var change = Overrides[i];
            var key = (change.Source!, change.Destination!);
            if (!problem.Profiles.ContainsKey(key.Item1) || !problem.Profiles.ContainsKey(key.Item2))
            {
                var (field, name) = problem.Profiles.ContainsKey(key.Item1) ? ("destination", key.Item2) : ("source", key.Item1);
                errors[$"linkOverrides[{i}].{field}"] = [$"resource '{name}' is not registered or has no benchmark of this model"];
                continue;
            }

            if (links.TryGetValue(key, out var link))
            {
                links[key] = link with { LatencyMs = change.LatencyMs ?? link.LatencyMs, BandwidthMbps = change.BandwidthMbps ?? link.BandwidthMbps };
            }
            else if (change is { LatencyMs: { } latency, BandwidthMbps: { } bandwidth })
            {
                links[key] = new NetworkLink(key.Item1, key.Item2, latency, bandwidth);
            }
            else
            {
                errors[$"linkOverrides[{i}]"] = [$"the network has no link {change.Source} -> {change.Destination}: give both latencyMs and bandwidthMbps to add one"];
            }
        }

        // Overrides were checked one by one, so a link out of range here was scaled out of it.
        foreach (var link in links.Values.Where(l => !(l.LatencyMs <= NetworkLink.MaxLatencyMs)))
        {
            errors[ScaleFields.Latency] = [$"makes link {link.Source} -> {link.Destination} longer than {NetworkLink.MaxLatencyMs:G} ms"];
        }

        foreach (var link in links.Values.Where(l => !NetworkLink.IsBandwidth(l.BandwidthMbps)))
        {
            errors[ScaleFields.Bandwidth] = [$"makes link {link.Source} -> {link.Destination} slower than 1 byte/s or faster than {NetworkLink.MaxBandwidthMbps:G} Mbps"];
        }

        return errors.Count > 0 ? problem : problem.WithLinks(links.Values);
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>One link's figures for one question: either may be left out to keep the stored one.</summary>
public sealed record LinkOverride
{
    /// <summary>The sending machine.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string? Source { get; init; }

    /// <summary>The receiving machine.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string? Destination { get; init; }

    /// <summary>Latency in milliseconds, charged once per hop.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Bandwidth in decimal megabits per second.</summary>
    public double? BandwidthMbps { get; init; }
}

/// <summary>Factors every stored link's figures are multiplied by, for one question.</summary>
public sealed record LinkScale
{
    /// <summary>Multiplies every link's latency (default 1).</summary>
    public double? Latency { get; init; }

    /// <summary>Multiplies every link's bandwidth (default 1).</summary>
    public double? Bandwidth { get; init; }
}
