using IpPlatform.Printing.Layout;

namespace IpPlatform.Printing.Tests;

public class TextWrapTests
{
    // A CJK character is two units wide, anything else one: enough to check where lines break.
    static double Measure(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);

    [Fact]
    public void Cjk_text_breaks_between_any_two_characters()
    {
        Assert.Equal(["一二三四", "五六七八", "九十"], TextWrap.Lines("一二三四五六七八九十", 8, Measure));
    }

    [Fact]
    public void Latin_words_stay_whole()
    {
        Assert.Equal(["alpha beta", "gamma delta"], TextWrap.Lines("alpha beta gamma delta", 11, Measure));
    }

    [Fact]
    public void A_word_wider_than_the_line_breaks_between_characters()
    {
        Assert.Equal(["abcd", "efgh", "ij"], TextWrap.Lines("abcdefghij", 4, Measure));
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line_and_opening_never_ends_one()
    {
        var lines = TextWrap.Lines("一二三，四五（六）七八。九十。", 6, Measure);

        Assert.All(lines, line => Assert.DoesNotContain(line[0], "，。）"));
        Assert.All(lines, line => Assert.DoesNotContain(line[^1], "（"));
        Assert.Equal("一二三，四五（六）七八。九十。", string.Concat(lines));
    }

    [Fact]
    public void Line_breaks_and_blank_lines_in_the_text_are_kept()
    {
        Assert.Equal(["甲", "", "乙"], TextWrap.Lines("甲\r\n\n乙", 20, Measure));
        Assert.Empty(TextWrap.Lines("", 20, Measure));
        Assert.Empty(TextWrap.Lines(null, 20, Measure));
    }

    [Fact]
    public void Mixed_text_fits_the_width_and_loses_nothing_but_spaces_at_breaks()
    {
        var text = string.Concat(Enumerable.Range(1, 60).Select(i => $"第{i}项任务完成 patent navigation report PN-{i:0000}，累计 {i * 3} 件。"));

        var lines = TextWrap.Lines(text, 37, Measure);

        Assert.All(lines, line => Assert.True(Measure(line) <= 37, $"'{line}' is {Measure(line)} wide"));
        Assert.All(lines, line => Assert.False(line.StartsWith(' '), $"'{line}' starts with a space"));
        Assert.Equal(text.Replace(" ", ""), string.Concat(lines).Replace(" ", ""));
    }

    [Fact]
    public void Font_runs_split_cjk_from_latin_and_keep_every_character()
    {
        var runs = TextWrap.FontRuns("申报PDF文件 v2。").ToList();

        Assert.Equal([("申报", true), ("PDF", false), ("文件 ", true), ("v2", false), ("。", true)], runs);
    }
}
