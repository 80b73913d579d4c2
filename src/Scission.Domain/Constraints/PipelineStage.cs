using Scission.Domain.Model;

namespace Scission.Domain.Constraints;

/// <summary>One stage of a pipeline: the tier it stands for, the resources that may serve it, and the user's demands.</summary>
/// <param name="Tier">The tier, used to label the stage in configuration strings.</param>
/// <param name="Candidates">Names of the resources that may serve the stage.</param>
public sealed record PipelineStage(Tier Tier, IReadOnlyList<string> Candidates)
{
    /// <summary>The user's demands on this stage.</summary>
    public StageConstraints Constraints { get; init; } = StageConstraints.None;
}
