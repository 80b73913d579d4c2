using Google.Protobuf;
using Onnx;

namespace Scission.Testing;

/// <summary>
/// Writes small ONNX models with random weights: dense layers on [1, width] rows, joined into chains, parallel
/// branches, skips and concatenations, so the valid cuts are known by construction. Nodes are added in
/// topological order, so node i is layer i.
/// </summary>
public sealed class OnnxModelBuilder
{
    private readonly Random _random;
    private readonly GraphProto _graph = new() { Name = "built" };
    private readonly Dictionary<string, long> _widths = [];
    private readonly long _irVersion;
    private int _next;

    public OnnxModelBuilder(int width = 8, int seed = 1, long irVersion = 8)
    {
        _random = new Random(seed);
        _irVersion = irVersion;
        _graph.Input.Add(Tensor(Input, [1, width]));
        _widths[Input] = width;
    }

    public const string Input = "input";

    public int LayerCount => _graph.Node.Count;

    public string Dense(string x, long? width = null)
    {
        var outWidth = width ?? _widths[x];
        var weights = Initializer([_widths[x], outWidth]);
        return Node("MatMul", [x, weights], outWidth);
    }

    /// <summary>Another float input of the model, [1, width].</summary>
    public string AddInput(string name, long width)
    {
        _graph.Input.Add(Tensor(name, [1, width]));
        _widths[name] = width;
        return name;
    }

    /// <summary>Another input of the model, [1, width], of any element type.</summary>
    public string AddInput(string name, TensorProto.Types.DataType type, long width)
    {
        _graph.Input.Add(Tensor(name, [1, width], type));
        _widths[name] = width;
        return name;
    }

    /// <summary>Converts to another element type (ONNX Cast).</summary>
    public string Cast(string x, TensorProto.Types.DataType to) =>
        Node("Cast", [x], _widths[x], new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)to });

    public string Relu(string x) => Node("Relu", [x], _widths[x]);

    /// <summary>Any one-input element-wise operator (Neg, Log, ...).</summary>
    public string Unary(string op, string x) => Node(op, [x], _widths[x]);

    /// <summary>A Constant node holding [1, width] random floats, read by nothing unless the caller says so.</summary>
    public string Constant(long width)
    {
        var constant = new NodeProto { OpType = "Constant", Name = $"n{_next}", Output = { $"c{_next++}" } };
        var value = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float, Dims = { 1, width } };
        value.FloatData.AddRange(Enumerable.Range(0, (int)width).Select(_ => _random.NextSingle()));
        constant.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value });
        _graph.Node.Add(constant);
        _widths[constant.Output[0]] = width;
        return constant.Output[0];
    }

    /// <summary>An initializer of [1, width] random floats (a weight the model may return as an output).</summary>
    public string Weights(long width)
    {
        var name = Initializer([1, width]);
        _widths[name] = width;
        return name;
    }

    public string Add(string a, string b) => Node("Add", [a, b], _widths[a]);

    public string Concat(params string[] xs) =>
        Node("Concat", xs, xs.Sum(x => _widths[x]), new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });

    /// <summary>Multiplies by a scalar held in a Constant node (a node that is not an activation).</summary>
    public string Scale(string x, float factor)
    {
        var constant = new NodeProto { OpType = "Constant", Name = $"n{_next}", Output = { $"c{_next++}" } };
        var value = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        value.FloatData.Add(factor);
        constant.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value });
        _graph.Node.Add(constant);
        return Node("Mul", [x, constant.Output[0]], _widths[x]);
    }

    public byte[] Build(params string[] outputs)
    {
        _graph.Output.AddRange(outputs.Select(output => Tensor(output, [1, _widths[output]])));
        var model = new ModelProto { IrVersion = _irVersion, ProducerName = "scission-tests", Graph = _graph };
        // IR 3 predates opset 13; those legacy models declare opset 8.
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = _irVersion < 4 ? 8 : 13 });
        return model.ToByteArray();
    }

    private string Node(string op, IEnumerable<string> inputs, long width, AttributeProto? attribute = null)
    {
        var node = new NodeProto { OpType = op, Name = $"n{_next}", Output = { $"t{_next++}" } };
        node.Input.AddRange(inputs);
        if (attribute is not null)
        {
            node.Attribute.Add(attribute);
        }

        _graph.Node.Add(node);
        _widths[node.Output[0]] = width;
        return node.Output[0];
    }

    private string Initializer(long[] dims)
    {
        var tensor = new TensorProto { Name = $"w{_next++}", DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        for (var i = 0; i < dims[0] * dims[1]; i++)
        {
            tensor.FloatData.Add((_random.NextSingle() - 0.5f) / MathF.Sqrt(dims[0]));
        }

        _graph.Initializer.Add(tensor);
        if (_irVersion < 4)
        {
            _graph.Input.Add(Tensor(tensor.Name, dims));
        }

        return tensor.Name;
    }

    private static ValueInfoProto Tensor(string name, long[] dims, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    /// <summary>The topologies the tests use, each with the last layers of its blocks.</summary>
    public static IEnumerable<(string Name, byte[] Model, int[] BlockEnds)> Topologies()
    {
        var chain = new OnnxModelBuilder(seed: 1);
        yield return ("vgg-chain", chain.Build(chain.Dense(chain.Relu(chain.Dense(chain.Relu(chain.Dense(Input)))))), [0, 1, 2, 3, 4]);

        var inception = new OnnxModelBuilder(seed: 2);
        var stem = inception.Dense(Input);
        var left = inception.Dense(stem);
        var right = inception.Relu(inception.Dense(stem));
        yield return ("inception-branches", inception.Build(inception.Dense(inception.Concat(left, right), 8)), [0, 4, 5]);

        var resnet = new OnnxModelBuilder(seed: 3);
        var x0 = resnet.Dense(Input);
        var sum = resnet.Add(resnet.Dense(resnet.Relu(x0)), x0);
        yield return ("resnet-skip", resnet.Build(resnet.Dense(resnet.Relu(sum))), [0, 3, 4, 5]);

        var dense = new OnnxModelBuilder(seed: 4);
        var d0 = dense.Dense(Input);
        var d1 = dense.Relu(dense.Dense(d0));
        var d2 = dense.Relu(dense.Dense(dense.Concat(d0, d1), 8));
        yield return ("densenet-concat", dense.Build(dense.Dense(dense.Concat(d0, d1, d2), 8)), [0, 6, 7]);

        var constant = new OnnxModelBuilder(seed: 5);
        yield return ("constant-node", constant.Build(constant.Dense(constant.Scale(constant.Dense(Input), 0.5f))), [0, 2, 3]);

        var legacy = new OnnxModelBuilder(seed: 6, irVersion: 3);
        yield return ("ir3-initializers-as-inputs", legacy.Build(legacy.Dense(legacy.Relu(legacy.Dense(Input)))), [0, 1, 2]);
    }

    /// <summary>
    /// A U-Net in miniature: three encoder stages whose outputs skip over the bottleneck to the decoder stage of the
    /// same depth, so the cuts around the bottleneck carry three or four tensors and no cut there carries one.
    /// Layers: 0-5 encoder (Dense, Relu ×3), 6 bottleneck, 7-12 decoder (Concat, Dense ×3), 13 head.
    /// </summary>
    public static byte[] UNet()
    {
        var net = new OnnxModelBuilder(seed: 7);
        var e1 = net.Relu(net.Dense(Input));
        var e2 = net.Relu(net.Dense(e1));
        var e3 = net.Relu(net.Dense(e2));
        var bottleneck = net.Dense(e3);
        var d3 = net.Dense(net.Concat(bottleneck, e3), 8);
        var d2 = net.Dense(net.Concat(d3, e2), 8);
        var d1 = net.Dense(net.Concat(d2, e1), 8);
        return net.Build(net.Dense(d1));
    }

    /// <summary>
    /// Inputs of four element types: float32 <c>input</c>, float16 <c>half</c>, int32 <c>ids</c> and bool <c>mask</c>,
    /// each cast to float and added in, one after another, so every cut after the first carries the inputs still
    /// to be read. Layers: 0 Dense(input), 1 Cast(half), 2 Add, 3 Cast(ids), 4 Add, 5 Cast(mask), 6 Add, 7 Dense.
    /// </summary>
    public static byte[] MixedInputs()
    {
        var net = new OnnxModelBuilder(seed: 10);
        var half = net.AddInput("half", TensorProto.Types.DataType.Float16, 8);
        var ids = net.AddInput("ids", TensorProto.Types.DataType.Int32, 8);
        var mask = net.AddInput("mask", TensorProto.Types.DataType.Bool, 8);
        var x = net.Dense(Input);
        x = net.Add(x, net.Cast(half, TensorProto.Types.DataType.Float));
        x = net.Add(x, net.Cast(ids, TensorProto.Types.DataType.Float));
        x = net.Add(x, net.Cast(mask, TensorProto.Types.DataType.Float));
        return net.Build(net.Dense(x));
    }

    /// <summary>
    /// Outputs that nothing computes at run time: a Constant node's value and a weight, beside a computed one.
    /// Layers: 0 the Constant, 1 Relu(input), 2 Dense.
    /// </summary>
    public static byte[] ConstantOutputs()
    {
        var net = new OnnxModelBuilder(seed: 11);
        var constant = net.Constant(8);
        var weights = net.Weights(8);
        return net.Build(net.Dense(net.Relu(Input)), constant, weights);
    }

    /// <summary>
    /// Layers whose results nothing uses, as exporters leave them: a dead branch that is the last reader of a
    /// tensor, and an unused Constant at the very end. Layers: 0 y = Relu(input), 1 z = Dense(y), 2 Relu(y) (dead),
    /// 3 out = Dense(z), 4 Constant (dead). Blocks end at 0, 1 and 4: neither dead end stands alone.
    /// </summary>
    public static byte[] DeadEnds()
    {
        var net = new OnnxModelBuilder(seed: 12);
        var y = net.Relu(Input);
        var z = net.Dense(y);
        net.Relu(y);
        var output = net.Dense(z);
        net.Constant(8);
        return net.Build(output);
    }

    /// <summary>Outputs that are NaN and -Infinity for every input in [0, 1): Log(-Relu(Dense(input))). Layers: 0-3.</summary>
    public static byte[] NotFiniteOutputs()
    {
        var net = new OnnxModelBuilder(seed: 13);
        return net.Build(net.Unary("Log", net.Unary("Neg", net.Relu(net.Dense(Input)))));
    }

    /// <summary>
    /// Two inputs and two outputs: the second input is first read at layer 1, the first output is ready at layer 3
    /// and must be carried past every later cut, and the second input's branch feeds the last layer.
    /// Layers: 0 x = Dense(input), 1 y = Dense(second), 2 s = x + y, 3 first = Relu(s), 4 z = Dense(s), 5 second = z + y.
    /// </summary>
    public static byte[] TwoInTwoOut(int seed = 8)
    {
        var net = new OnnxModelBuilder(seed: seed);
        var second = net.AddInput("second", 8);
        var x = net.Dense(Input);
        var y = net.Dense(second);
        var s = net.Add(x, y);
        var first = net.Relu(s);
        var z = net.Dense(s);
        return net.Build(first, net.Add(z, y));
    }
}
