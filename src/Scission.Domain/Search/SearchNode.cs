namespace Scission.Domain.Search;

/// <summary>
/// A partial plan in the search tree. Its path from the root is a sequence of moves, one per block: stay on
/// the current stage, or hop to a later stage and resource. Ties are broken by comparing these sequences.
/// </summary>
internal struct SearchNode
{
    /// <summary>Move code of staying on the current stage; sorts first so that work stays near the data.</summary>
    public const int Stay = 0;

    /// <summary>Move code of a not yet expanded group of hops; sorts before any concrete hop.</summary>
    public const int HopGroup = 1;

    public int Parent;
    public int Move;
    public int Depth;
    public int NextSibling;

    /// <summary>The node that entered the current stage; its parent ended the previous stage.</summary>
    public int Entry;
    public int Stage;
    public int Slot;
    public int Resource;
    public int BlocksDone;
    public int StageStart;

    /// <summary>Compute of finished stages, summed in stage order.</summary>
    public double Done;

    /// <summary>Compute of the current stage so far.</summary>
    public double Current;
    public double Transfer;
    public long Bytes;

    /// <summary>Cost so far plus the lower bound on the rest.</summary>
    public double Estimate;

    /// <summary>A placeholder for all hops out of <see cref="Parent"/>, expanded when the search reaches it.</summary>
    public bool IsHopGroup;

    public static int HopMove(int stage, int resource, int resourceCount) => 2 + (stage * resourceCount) + resource;
}
