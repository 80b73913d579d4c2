using System.Globalization;
using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Criteria;

/// <summary>
/// The original tool's per-tier criteria language, e.g. <c>!-1, 10, !vm2Core</c>: comma-separated items,
/// each trimmed. A number is a layer that must run on the tier, <c>!number</c> one that must not; <c>-1</c>
/// means the tier is unused and <c>!-1</c> that it is used; a name allows only that resource and <c>!name</c>
/// excludes it, and naming a resource either way also makes the tier used, as in the original. An item of
/// digits only is always a layer, so a resource named <c>2500</c> cannot be picked by name.
/// </summary>
public static class ScissionCriteria
{
    /// <summary>Parses one tier's criteria; <c>null</c> or blank text means no criteria.</summary>
    public static CriteriaResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return CriteriaResult.Ok(StageConstraints.None);
        }

        var required = new List<int>();
        var forbidden = new List<int>();
        var only = new List<string>();
        var excluded = new List<string>();
        bool used = false, unused = false;
        var items = text.Split(',');
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[k].Trim();
            var negated = item.StartsWith('!');
            var body = negated ? item[1..].Trim() : item;
            if (body.Length == 0)
            {
                return CriteriaResult.Fail($"item {k + 1} is empty{(negated ? " after '!'" : string.Empty)}");
            }

            if (body == "-1")
            {
                used |= negated;
                unused |= !negated;
            }
            else if (body.All(char.IsAsciiDigit))
            {
                if (!int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var layer))
                {
                    return CriteriaResult.Fail($"item {k + 1}: layer '{body}' is too large");
                }

                (negated ? forbidden : required).Add(layer);
            }
            else if (ResourceName.IsValid(body))
            {
                (negated ? excluded : only).Add(body);
                used = true;
            }
            else
            {
                return CriteriaResult.Fail($"item {k + 1}: '{item}' is neither a layer number, -1, nor a resource name ({ResourceName.Rule})");
            }
        }

        return CriteriaResult.Ok(new StageConstraints
        {
            RequiredLayers = required,
            ForbiddenLayers = forbidden,
            OnlyResources = only.Count > 0 ? only : null,
            ExcludedResources = excluded,
            MustBeUsed = used,
            MustBeUnused = unused,
        });
    }

    /// <summary>Parses a time limit: seconds (<c>0.5</c>) or a percentage of total compute (<c>50%</c>).</summary>
    public static TimeLimitResult ParseTimeLimit(string text)
    {
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        var number = percent ? trimmed[..^1].TrimEnd() : trimmed;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return TimeLimitResult.Fail($"'{text}' is not a non-negative number of seconds or a percentage such as 50%");
        }

        if (percent && value > 100)
        {
            return TimeLimitResult.Fail($"'{text}': a percentage must lie in 0-100");
        }

        return TimeLimitResult.Ok(percent ? TimeLimit.Percent(value) : TimeLimit.Seconds(value));
    }
}

/// <summary>Parsed criteria, or why they could not be parsed.</summary>
public sealed record CriteriaResult(StageConstraints? Constraints, string? Error)
{
    internal static CriteriaResult Ok(StageConstraints constraints) => new(constraints, null);

    internal static CriteriaResult Fail(string error) => new(null, error);
}

/// <summary>A parsed time limit, or why it could not be parsed.</summary>
public sealed record TimeLimitResult(TimeLimit? Limit, string? Error)
{
    internal static TimeLimitResult Ok(TimeLimit limit) => new(limit, null);

    internal static TimeLimitResult Fail(string error) => new(null, error);
}
