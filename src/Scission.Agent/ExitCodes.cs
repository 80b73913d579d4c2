namespace Scission.Agent;

/// <summary>What the agent's exit code tells a script.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line could not be parsed.</summary>
    public const int Usage = 1;

    /// <summary>The options do not fit together (e.g. nothing to report to: neither --server nor --output).</summary>
    public const int InvalidOptions = 2;

    /// <summary>The model could not be read, fetched or analysed.</summary>
    public const int ModelUnusable = 3;

    /// <summary>The service refused a request or could not be reached.</summary>
    public const int ServerError = 4;

    /// <summary>The chained blocks did not reproduce the whole model's output: the benchmark is void.</summary>
    public const int NotEquivalent = 5;

    /// <summary>The execution provider asked for cannot run here: nothing was measured, rather than a silent CPU run.</summary>
    public const int ProviderUnavailable = 6;

    /// <summary>A link probe could not measure: the target is not a receiver, or it did not answer in time.</summary>
    public const int ProbeFailed = 7;

    /// <summary>Interrupted (Ctrl-C): nothing was stored, by the shell's convention for SIGINT.</summary>
    public const int Cancelled = 130;
}
