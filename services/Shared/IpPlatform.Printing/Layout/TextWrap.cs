using System.Globalization;
using System.Text;

namespace IpPlatform.Printing.Layout;

/// <summary>
/// Breaks text into lines no wider than a width. CJK text may break between any two characters; a Latin word
/// stays whole unless it alone is wider than the line (a long URL), then it breaks between characters.
/// Closing punctuation never starts a line and opening punctuation never ends one.
/// </summary>
internal static class TextWrap
{
    private const string Closing = "，。、；：？！）》」』】〕〉”’…·%,.;:?!)]}>";
    private const string Opening = "（《「『【〔〈“‘([{<";

    /// <summary>The lines of <paramref name="text"/>; explicit line breaks are kept, blank lines too; no lines for empty text.</summary>
    public static List<string> Lines(string? text, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text)) return lines;
        foreach (var paragraph in Clean(text).Split('\n'))
            WrapParagraph(paragraph, width, measure, lines);
        return lines;
    }

    /// <summary>Line breaks as \n, tabs as spaces, other control characters dropped (they have no glyph).</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n").Replace('\r', '\n'))
        {
            if (c == '\n') builder.Append(c);
            else if (c == '\t') builder.Append(' ');
            else if (!char.IsControl(c)) builder.Append(c);
        }
        return builder.ToString();
    }

    private static void WrapParagraph(string paragraph, double width, Func<string, double> measure, List<string> lines)
    {
        var start = lines.Count;
        var line = new StringBuilder();
        var lineWidth = 0.0;
        var pendingSpace = "";
        void Flush()
        {
            lines.Add(line.ToString());
            line.Clear();
            lineWidth = 0;
            pendingSpace = "";
        }

        foreach (var token in Tokens(paragraph))
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                // Spaces between words and as the paragraph's indent, none carried to the start of a wrapped line.
                if (line.Length > 0 || lines.Count == start) pendingSpace += token;
                continue;
            }
            var tokenWidth = measure(token);
            var spaceWidth = pendingSpace.Length > 0 ? measure(pendingSpace) : 0;
            if (lineWidth + spaceWidth + tokenWidth <= width)
            {
                line.Append(pendingSpace).Append(token);
                lineWidth += spaceWidth + tokenWidth;
                pendingSpace = "";
                continue;
            }
            if (line.Length > 0) Flush();
            pendingSpace = "";
            if (tokenWidth <= width)
            {
                line.Append(token);
                lineWidth = tokenWidth;
                continue;
            }
            // Wider than a whole line: break between characters (text elements, so surrogate pairs stay whole).
            var elements = StringInfo.GetTextElementEnumerator(token);
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                var elementWidth = measure(element);
                if (line.Length > 0 && lineWidth + elementWidth > width) Flush();
                line.Append(element);
                lineWidth += elementWidth;
            }
        }
        // Every paragraph gives at least one line, so blank lines in the text stay blank lines.
        if (line.Length > 0 || lines.Count == start) lines.Add(line.ToString());
    }

    /// <summary>
    /// Unbreakable units: a run of spaces, a Latin word (with its ASCII punctuation), or a single CJK character;
    /// closing punctuation is glued to the unit before it, opening punctuation to the unit after it.
    /// </summary>
    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var currentKind = Kind.None;
        var prefix = "";

        void Close()
        {
            if (current.Length > 0) tokens.Add(current.ToString());
            current.Clear();
            currentKind = Kind.None;
        }

        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var kind = KindOf(element);
            var mark = element.Length == 1 ? element[0] : '\0';
            if (prefix.Length == 0 && Closing.Contains(mark))
            {
                if (current.Length > 0 && currentKind != Kind.Space)
                {
                    current.Append(element);
                    if (kind == Kind.Cjk) Close();
                    continue;
                }
                if (current.Length == 0 && tokens.Count > 0 && !string.IsNullOrWhiteSpace(tokens[^1]))
                {
                    tokens[^1] += element;
                    continue;
                }
            }
            // An ASCII bracket inside a Latin word (f(x)) stays in the word; any other opening mark waits for what follows.
            if (Opening.Contains(mark) && !(kind == Kind.Latin && currentKind == Kind.Latin))
            {
                Close();
                prefix += element;
                continue;
            }
            if (kind != currentKind || kind == Kind.Cjk) Close();
            if (prefix.Length > 0)
            {
                if (kind == Kind.Space) tokens.Add(prefix);
                else current.Append(prefix);
                prefix = "";
            }
            current.Append(element);
            currentKind = kind;
        }
        Close();
        if (prefix.Length > 0) tokens.Add(prefix);
        return tokens;
    }

    /// <summary>
    /// The text cut where the face changes: CJK characters (see <see cref="PrintFonts"/>) in one face, the rest in the
    /// other; a space stays in the run it is in (both faces have one).
    /// </summary>
    public static IEnumerable<(string Run, bool Cjk)> FontRuns(string text)
    {
        var start = 0;
        bool? current = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ') continue;
            var cjk = char.IsSurrogate(text[i]) || KindOf(text[i].ToString()) == Kind.Cjk;
            if (current is { } previous && previous != cjk)
            {
                yield return (text[start..i], previous);
                start = i;
            }
            current = cjk;
        }
        if (start < text.Length) yield return (text[start..], current ?? false);
    }

    private enum Kind { None, Space, Latin, Cjk }

    private static Kind KindOf(string element)
    {
        if (element.Length > 1) return char.IsSurrogatePair(element, 0) ? Kind.Cjk : KindOf(element[..1]);
        var c = element[0];
        if (c == ' ') return Kind.Space;
        return c is >= '\u1100' and <= '\u11FF'
            or >= '\u2E80' and <= '\u9FFF'
            or >= '\uAC00' and <= '\uD7AF'
            or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE30' and <= '\uFE4F'
            or >= '\uFF00' and <= '\uFFEF'
            ? Kind.Cjk
            : Kind.Latin;
    }
}
