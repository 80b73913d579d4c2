using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Scission.Api.Validation;

/// <summary>
/// Caps JSON bodies at <see cref="LimitsOptions.MaxJsonBodyBytes"/> while they are read: an announced length over
/// the cap is a 413 problem at once, and a chunked body is cut off at the cap (the binding failure becomes the
/// same 413 through the exception handler). Other bodies (ONNX files, CSV) have limits of their own.
/// </summary>
internal sealed class JsonBodyLimitMiddleware(RequestDelegate next, IOptions<LimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return next(context);
        }

        var limit = options.Value.MaxJsonBodyBytes;
        if (request.ContentLength > limit)
        {
            throw new BadHttpRequestException($"body: the JSON body is larger than the limit of {limit} bytes (Limits:MaxJsonBodyBytes)", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        request.Body = new CappedStream(request.Body, limit);
        return next(context);
    }

    /// <summary>A read-only view of a body that fails past its cap.</summary>
    private sealed class CappedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit
                ? throw new BadHttpRequestException($"body: the JSON body is larger than the limit of {limit} bytes (Limits:MaxJsonBodyBytes)", StatusCodes.Status413PayloadTooLarge)
                : read;
        }
    }
}
