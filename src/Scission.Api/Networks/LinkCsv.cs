using System.Globalization;
using Scission.Domain.Model;

namespace Scission.Api.Networks;

/// <summary>
/// The original tool's network file: header <c>source,destination,ping(ms),bandwidth(mbps)</c>, then one
/// directed link a line, numbers possibly padded with spaces.
/// </summary>
internal static class LinkCsv
{
    public const string Header = "source,destination,ping(ms),bandwidth(mbps)";

    /// <summary>The links, or errors keyed by line (<c>line 3</c>); all or nothing.</summary>
    public static (List<NetworkLink> Links, Dictionary<string, string[]> Errors) Parse(string text, int maxRows)
    {
        var links = new List<NetworkLink>();
        var errors = new Dictionary<string, string[]>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Skip(1).Count(line => !string.IsNullOrWhiteSpace(line)) > maxRows)
        {
            errors["body"] = [$"must hold at most {maxRows} links (Limits:MaxCsvRows)"];
            return (links, errors);
        }

        var header = string.Join(',', lines[0].TrimStart('\uFEFF').Split(',').Select(cell => cell.Trim().ToLowerInvariant()));
        if (header != Header)
        {
            errors["line 1"] = [$"the header must be '{Header}'"];
            return (links, errors);
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Split(',').Select(cell => cell.Trim()).ToArray();
            var problem = Check(cells, seen);
            if (problem is not null)
            {
                errors[$"line {i + 1}"] = [problem];
                continue;
            }

            links.Add(new NetworkLink(cells[0], cells[1], double.Parse(cells[2], CultureInfo.InvariantCulture), double.Parse(cells[3], CultureInfo.InvariantCulture)));
        }

        if (links.Count == 0 && errors.Count == 0)
        {
            errors["body"] = ["the file has no links after its header"];
        }

        return (links, errors);
    }

    private static string? Check(string[] cells, HashSet<(string, string)> seen)
    {
        if (cells.Length != 4)
        {
            return $"expected 4 comma-separated values, found {cells.Length}";
        }

        if (!ResourceName.IsValid(cells[0]) || !ResourceName.IsValid(cells[1]))
        {
            return $"source and destination must be resource names: {ResourceName.Rule}";
        }

        if (cells[0] == cells[1])
        {
            return "source and destination must differ";
        }

        if (!seen.Add((cells[0], cells[1])))
        {
            return $"the link {cells[0]} -> {cells[1]} appears twice";
        }

        if (!TryNumber(cells[2], out var ping) || ping is < 0 or > NetworkLink.MaxLatencyMs)
        {
            return $"ping(ms) '{cells[2]}' must be a number from 0 to {NetworkLink.MaxLatencyMs:G}";
        }

        if (!TryNumber(cells[3], out var mbps) || !NetworkLink.IsBandwidth(mbps))
        {
            return $"bandwidth(mbps) '{cells[3]}' must be a number from 0.000004 to {NetworkLink.MaxBandwidthMbps:G}";
        }

        return null;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
