namespace Scission.Domain.Search;

/// <summary>
/// A partial plan in the search tree. Its path from the root is a sequence of moves, one per block: stay on
/// the current stage, or hop to a later stage and resource. Ties are broken by comparing these sequences.
/// Kept small (72 bytes): the node budget is a memory budget, and everything derivable is derived.
/// </summary>
internal struct SearchNode
{
    /// <summary>Move code of staying on the current stage; sorts first so that work stays near the data.</summary>
    public const int Stay = 0;

    /// <summary>Move code of a not yet expanded group of hops; sorts before any concrete hop.</summary>
    public const int HopGroup = 1;

    /// <summary>Compute of finished stages, summed in stage order.</summary>
    public double Done;

    /// <summary>Compute of the current stage so far, summed in block order.</summary>
    public double Current;

    /// <summary>Transfer seconds of the hops so far, summed in hop order.</summary>
    public double Transfer;

    /// <summary>Compute so far weighted by the Lagrangian multipliers of percentage limits (0 without them).</summary>
    public double Weighted;

    /// <summary>Cost so far plus the lower bound on the rest.</summary>
    public double Estimate;

    public int Parent;
    public int Move;
    public int NextSibling;

    /// <summary>The node that entered the current stage; its parent ended the previous stage.</summary>
    public int Entry;
    public int Slot;
    public int BlocksDone;
    public short Stage;

    /// <summary>A placeholder for all hops out of <see cref="Parent"/>, expanded when the search reaches it.</summary>
    public bool IsHopGroup;

    /// <summary>Moves from the root: one per block, and one more for a hop group.</summary>
    public readonly int Depth => IsHopGroup ? BlocksDone + 1 : BlocksDone;

    public static int HopMove(int stage, int resource, int resourceCount) => 2 + (stage * resourceCount) + resource;
}
