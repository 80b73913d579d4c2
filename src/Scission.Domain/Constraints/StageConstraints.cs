namespace Scission.Domain.Constraints;

/// <summary>What a user demands of one stage of the pipeline. Every member is optional.</summary>
public sealed record StageConstraints
{
    /// <summary>No demands.</summary>
    public static StageConstraints None { get; } = new();

    /// <summary>Layers that must run on this stage.</summary>
    public IReadOnlyList<int> RequiredLayers { get; init; } = [];

    /// <summary>Layers that must not run on this stage.</summary>
    public IReadOnlyList<int> ForbiddenLayers { get; init; } = [];

    /// <summary>The stage must run at least one block.</summary>
    public bool MustBeUsed { get; init; }

    /// <summary>The stage must run nothing. Together with <see cref="MustBeUsed"/> no plan is feasible.</summary>
    public bool MustBeUnused { get; init; }

    /// <summary>When set, only these resources may serve the stage.</summary>
    public IReadOnlyList<string>? OnlyResources { get; init; }

    /// <summary>Resources that must not serve the stage.</summary>
    public IReadOnlyList<string> ExcludedResources { get; init; } = [];

    /// <summary>Most bytes the stage may send to the next used stage (the input, for an idle first stage).</summary>
    public long? MaxUploadBytes { get; init; }

    /// <summary>Cap on the stage's compute time.</summary>
    public TimeLimit? TimeLimit { get; init; }
}
