using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Scission.Domain.Catalog;

/// <summary>
/// A network's entity tag, from its links: a digest of every link's ends and version. A link's version is never
/// reused, so the tag changes with any link added, changed or removed, and two equal tags mean the same links in
/// the same versions (to a 2^-63 chance). The network needs no version of its own, so nothing can forget to raise it.
/// </summary>
public static class NetworkVersion
{
    /// <summary>The tag of a network holding <paramref name="links"/> (in any order).</summary>
    public static long Of(IEnumerable<LinkRecord> links)
    {
        var text = new StringBuilder();
        foreach (var link in links.OrderBy(l => l.Link.Source, StringComparer.Ordinal).ThenBy(l => l.Link.Destination, StringComparer.Ordinal))
        {
            text.Append(link.Link.Source).Append('\0').Append(link.Link.Destination).Append('\0').Append(link.Version).Append('\n');
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return BinaryPrimitives.ReadInt64BigEndian(digest) & long.MaxValue;
    }
}
