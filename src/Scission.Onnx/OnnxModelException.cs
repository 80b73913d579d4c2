namespace Scission.Onnx;

/// <summary>An uploaded model that cannot be read, cut or run; the message says why, for the uploader.</summary>
public sealed class OnnxModelException(string message, string field = "body") : Exception(message)
{
    /// <summary>The request part to blame: <c>body</c>, or a dimension parameter.</summary>
    public string Field { get; } = field;
}
