using System.Globalization;
using System.Security;
using System.Text;

namespace Scission.Api.Charts;

/// <summary>
/// A small SVG writer: rectangles, lines, polylines and text, numbers in invariant culture, text escaped. The
/// charts need nothing more, and a chart library would bring a native graphics stack (ScottPlot renders through
/// SkiaSharp) into a service that otherwise runs anywhere .NET does; plain SVG text is also what the tests read.
/// </summary>
internal sealed class Svg(double width, double height, string title)
{
    private readonly StringBuilder _body = new();

    public double Width => width;

    public double Height => height;

    public Svg Rect(double x, double y, double w, double h, string fill, string? tooltip = null, string? cssClass = null)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, w))}\" height=\"{N(Math.Max(0, h))}\" fill=\"{fill}\"{Class(cssClass)}>");
        if (tooltip is not null)
        {
            _body.Append("<title>").Append(Escape(tooltip)).Append("</title>");
        }

        _body.Append("</rect>\n");
        return this;
    }

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, bool dashed = false, string? cssClass = null)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"{(dashed ? " stroke-dasharray=\"5,4\"" : "")}{Class(cssClass)}/>\n");
        return this;
    }

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double strokeWidth = 2, string? cssClass = null, string? tooltip = null)
    {
        var list = string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"));
        _body.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{list}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"{Class(cssClass)}>");
        if (tooltip is not null)
        {
            _body.Append("<title>").Append(Escape(tooltip)).Append("</title>");
        }

        _body.Append("</polyline>\n");
        return this;
    }

    public Svg Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#222", string? cssClass = null, double rotate = 0)
    {
        var transform = rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"";
        _body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{fill}\"{transform}{Class(cssClass)}>{Escape(text)}</text>\n");
        return this;
    }

    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"sans-serif\" role=\"img\">\n"
        + $"<title>{Escape(title)}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{_body}</svg>\n";

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Class(string? cssClass) => cssClass is null ? "" : $" class=\"{Escape(cssClass)}\"";

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
