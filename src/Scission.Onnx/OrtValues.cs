using Microsoft.ML.OnnxRuntime;

namespace Scission.Onnx;

/// <summary>Tensors fed to one run, created from <see cref="TensorData"/> and disposed together.</summary>
internal sealed class OrtValues : IDisposable
{
    private readonly OrtValue[] _values;

    public OrtValues(IEnumerable<TensorData> tensors)
    {
        var created = new List<OrtValue>();
        try
        {
            foreach (var tensor in tensors)
            {
                created.Add(tensor.ToOrtValue());
            }
        }
        catch
        {
            created.ForEach(v => v.Dispose());
            throw;
        }

        _values = [.. created];
    }

    public IReadOnlyCollection<OrtValue> Values => _values;

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }
}
