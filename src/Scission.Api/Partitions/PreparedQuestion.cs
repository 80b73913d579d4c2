using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Api.Partitions;

/// <summary>
/// A partition question ready to search, the same for every route that asks one (the ranking, the charts): its
/// inputs, the problem with the question's what-if links applied, and its stages.
/// </summary>
internal sealed record PreparedQuestion(CompiledInputs.Compiled Ready, PartitionProblem Problem, IReadOnlyList<PipelineStage> Stages)
{
    /// <summary>The question over <paramref name="ready"/> (<c>null</c>: the model is not registered), or why it cannot be searched.</summary>
    public static (PreparedQuestion? Question, PartitionAnswer? Refusal) Of(CompiledInputs.Compiled? ready, PartitionRequest request)
    {
        if (ready is null)
        {
            return (null, PartitionAnswer.NotFound($"model '{request.Model}' is not registered"));
        }

        var model = ready.Inputs.Model.Name;
        if (ready.Inputs.Links.Count == 0 && request.Network != PartitionRequest.DefaultNetwork)
        {
            return (null, PartitionAnswer.NotFound($"network '{request.Network}' has no links"));
        }

        if (ready.Problem is not { } problem)
        {
            return (null, PartitionAnswer.Conflict($"model '{model}' has no benchmarks yet: PUT /v1/models/{model}/benchmarks/{{resource}} first"));
        }

        var errors = new Dictionary<string, string[]>();
        var stages = request.Stages.Select((stage, s) => Stage(stage, s, ready.Benchmarked, errors)).ToList();
        problem = request.Options.Apply(problem, errors);
        return errors.Count > 0 ? (null, PartitionAnswer.Invalid(errors)) : (new PreparedQuestion(ready, problem, stages), null);
    }

    private static PipelineStage Stage(StageRequest stage, int index, IReadOnlyList<Resource> benchmarked, Dictionary<string, string[]> errors)
    {
        if (stage.Resources is null)
        {
            return new PipelineStage(stage.Tier, [.. benchmarked.Where(r => r.Tier == stage.Tier).Select(r => r.Name)]) { Constraints = stage.Constraints };
        }

        for (var k = 0; k < stage.Resources.Count; k++)
        {
            if (!benchmarked.Any(r => r.Name == stage.Resources[k]))
            {
                errors[$"stages[{index}].resources[{k}]"] = [$"resource '{stage.Resources[k]}' is not registered or has no benchmark of this model"];
            }
        }

        return new PipelineStage(stage.Tier, stage.Resources) { Constraints = stage.Constraints };
    }
}
