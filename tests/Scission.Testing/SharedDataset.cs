using Scission.Infrastructure.Datasets;
using Xunit;

namespace Scission.Testing;

/// <summary>The original tool's published benchmark data, found through SCISSION_DATASET_DIR.</summary>
public static class SharedDataset
{
    public const string Variable = "SCISSION_DATASET_DIR";

    private static readonly Lazy<ScissionDataset> Data = new(() => ScissionDataset.Load(Directory!));

    public static string? Directory =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path && System.IO.Directory.Exists(path) ? path : null;

    public static string MissingReason => $"{Variable} is not set to the scission-ucc2020 data set";

    public static ScissionDataset Value => Data.Value;
}

/// <summary>A fact that needs the shared data set; reported as skipped where it is not given.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute()
    {
        if (SharedDataset.Directory is null)
        {
            Skip = SharedDataset.MissingReason;
        }
    }
}

/// <summary>A theory that needs the shared data set; reported as skipped where it is not given.</summary>
public sealed class DatasetTheoryAttribute : TheoryAttribute
{
    public DatasetTheoryAttribute()
    {
        if (SharedDataset.Directory is null)
        {
            Skip = SharedDataset.MissingReason;
        }
    }
}
