using System.Text;

namespace OAuth1.Generator;

/// <summary>Writes C# source with four-space indentation and <c>\n</c> line ends, whatever the platform.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new(4096);
    private int _depth;

    public void Line(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _depth * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
    }

    public void Line() => _builder.Append('\n');

    public void Open()
    {
        Line("{");
        _depth++;
    }

    public void Close()
    {
        _depth--;
        Line("}");
    }

    public override string ToString() => _builder.ToString();
}
