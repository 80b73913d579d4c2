namespace Scission.Api.Validation;

/// <summary>Reads a request body while it stays within a limit, and stops at the first byte past it.</summary>
internal static class BoundedBody
{
    private const long TrustedLength = 1024 * 1024;

    /// <summary>The body, or <c>null</c> once it passes <paramref name="limit"/> bytes (read no further than that).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // The route's own limit replaces the server's (30 MB in Kestrel), which would otherwise cut a larger allowed
        // body short, or answer for this route a limit it does not have.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        // Only a small announced size is trusted with an array up front: a client that announces 512 MB and then
        // stalls must not pin 512 MB; larger bodies grow their buffer as bytes actually arrive.
        if (request.ContentLength is { } length && length <= TrustedLength)
        {
            // The size is announced: read straight into an array of that size, with no copy.
            var exact = new byte[length];
            var filled = 0;
            int read;
            while (filled < length && (read = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            return filled == length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int got;
        while ((got = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + got > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, got);
        }

        return buffer.ToArray();
    }
}
