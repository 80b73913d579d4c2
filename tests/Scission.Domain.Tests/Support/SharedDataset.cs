using Scission.Domain.Model;
using Scission.Infrastructure.Datasets;

namespace Scission.Domain.Tests.Support;

/// <summary>The original tool's published benchmark data, found through SCISSION_DATASET_DIR.</summary>
internal static class SharedDataset
{
    public const string Variable = "SCISSION_DATASET_DIR";

    private static readonly Lazy<ScissionDataset> Data = new(() => ScissionDataset.Load(Directory!));

    public static string? Directory =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path && System.IO.Directory.Exists(path) ? path : null;

    public static string MissingReason => $"{Variable} is not set to the scission-ucc2020 data set";

    public static IReadOnlyList<string> ModelNames => Data.Value.ModelNames;

    public static IReadOnlyList<Resource> Resources => Data.Value.Resources;

    public static PartitionProblem Problem(string model, string networkFile) => Data.Value.Problem(model, networkFile);
}

/// <summary>A fact that needs the shared data set; reported as skipped where it is not given.</summary>
internal sealed class DatasetFactAttribute : FactAttribute
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
internal sealed class DatasetTheoryAttribute : TheoryAttribute
{
    public DatasetTheoryAttribute()
    {
        if (SharedDataset.Directory is null)
        {
            Skip = SharedDataset.MissingReason;
        }
    }
}
