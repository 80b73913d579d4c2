using System.Diagnostics;
using System.Net.Http.Json;
using Scission.Domain.Catalog;

namespace Scission.Agent;

/// <summary>
/// Measures one direction of a link to a receiver over HTTP: after a warm-up on a kept-alive connection, payloads of
/// log-spaced sizes from 0 to the largest, in random order and several times each, then a Theil–Sen fit of
/// <c>time = rtt + bytes / bandwidth</c> through each size's median, cross-checked against the empty requests.
/// </summary>
internal sealed class LinkProbe(HttpClient http, ProbePlan plan)
{
    private byte[]? _payload;

    /// <summary>Refuses anything but a receiver; returns its cap on payloads.</summary>
    public async Task<long> IdentifyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ProbeIdentity.Root, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProbeException($"{http.BaseAddress} answered {(int)response.StatusCode} where a receiver answers 200{(response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? " (give the key it listens with as --receiver-key)" : "")}");
        }

        ProbeIdentity? identity;
        try
        {
            identity = await response.Content.ReadFromJsonAsync(AgentJson.Default.ProbeIdentity, cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            identity = null;
        }

        if (identity?.Service != ProbeIdentity.Receiver)
        {
            throw new ProbeException($"{http.BaseAddress} is not a scission-agent receiver (start one with 'scission-agent listen')");
        }

        return identity.MaxBytes >= ProbeOptions.SmallestPayloadCap
            ? identity.MaxBytes
            : throw new ProbeException($"the receiver accepts at most {identity.MaxBytes} bytes, too few to see bandwidth (start it with --max-bytes {ProbeOptions.SmallestPayloadCap} or more)");
    }

    public async Task<LinkMeasurement> MeasureAsync(bool download, string probedFrom, CancellationToken cancellationToken)
    {
        // The time limit holds even inside one long transfer: a transfer cut off by it is simply not counted.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(plan.TimeLimit);
        var sizes = Sizes();
        var samples = sizes.ToDictionary(size => size, _ => new List<double>());
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await TransferAsync(download, 0, limit.Token);
            }

            await TransferAsync(download, Math.Min(64 * 1024, plan.MaxBytes), limit.Token);
            foreach (var size in sizes.SelectMany(size => Enumerable.Repeat(size, plan.Repeats)).OrderBy(_ => Random.Shared.Next()))
            {
                samples[size].Add(await TransferAsync(download, size, limit.Token));
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Out of time: measure with what came in.
        }

        var measured = samples.Where(s => s.Value.Count > 0).ToList();
        if (measured.Count < 3 || samples[0].Count == 0)
        {
            throw new ProbeException($"only {measured.Count} payload sizes were measured within the time limit of {plan.TimeLimit.TotalSeconds:F0} s; give more time or a smaller --max-bytes");
        }

        var points = measured.Select(s => ((double)s.Key, TheilSen.Median(s.Value))).ToList();
        var (rtt, secondsPerByte) = TheilSen.Fit(points);
        if (!(secondsPerByte > 0))
        {
            throw new ProbeException("larger payloads did not take longer: the link is faster than the payloads can show; raise --max-bytes");
        }

        return new LinkMeasurement
        {
            Method = download ? "http-download" : "http-upload",
            RttMs = Math.Max(0, rtt) * 1000,
            BandwidthMbps = 8 / secondsPerByte / 1_000_000,
            ZeroByteMedianMs = TheilSen.Median(samples[0]) * 1000,
            SpreadPercent = TheilSen.Median([.. measured.Select(s => (TheilSen.Quantile(s.Value, 0.75) - TheilSen.Quantile(s.Value, 0.25)) / TheilSen.Median(s.Value) * 100)]),
            FitResidualMs = TheilSen.Median([.. points.Select(p => Math.Abs(p.Item2 - (rtt + (secondsPerByte * p.Item1))))]) * 1000,
            Sizes = measured.Count,
            Samples = measured.Sum(s => s.Value.Count),
            MaxBytes = plan.MaxBytes,
            ProbedFrom = probedFrom,
            Target = http.BaseAddress?.ToString(),
            MeasuredAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary><see cref="ProbePlan.SizeCount"/> sizes: 0, then sizes spaced evenly on a log scale from 1 KiB to the largest.</summary>
    private List<long> Sizes()
    {
        var smallest = Math.Min(1024, plan.MaxBytes);
        var sizes = new SortedSet<long> { 0, smallest, plan.MaxBytes };
        var spaced = plan.SizeCount - 1;
        for (var k = 1; k < spaced - 1; k++)
        {
            sizes.Add((long)Math.Round(smallest * Math.Pow((double)plan.MaxBytes / smallest, (double)k / (spaced - 1))));
        }

        return [.. sizes];
    }

    /// <summary>Seconds from sending the request to having the whole answer.</summary>
    private async Task<double> TransferAsync(bool download, long bytes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = download
            ? await http.GetAsync($"{ProbeIdentity.Root}download?bytes={bytes}", HttpCompletionOption.ResponseContentRead, cancellationToken)
            : await http.PostAsync($"{ProbeIdentity.Root}upload", new ByteArrayContent(_payload ??= new byte[plan.MaxBytes], 0, (int)bytes), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new ProbeException($"the receiver refused a {bytes}-byte probe with {(int)response.StatusCode}");
        }

        return elapsed;
    }
}

/// <summary>How much to probe: the largest payload, how many sizes, repeats of each, and a cap on the total time.</summary>
internal sealed record ProbePlan(int MaxBytes, int SizeCount, int Repeats, TimeSpan TimeLimit);

/// <summary>A probe that could not measure; the message says why.</summary>
internal sealed class ProbeException(string message) : Exception(message);
