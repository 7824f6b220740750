namespace IpPlatform.Printing.Tests;

public class FingerprintTextTests
{
    const string Hex = "2dbc5b8c3a73a72904f0fc9f873c7fe7a8161b5433ba5446a6925c600a60d91d";

    [Fact]
    public void Grouped_is_sixteen_upper_case_groups_of_four()
    {
        Assert.Equal("2DBC 5B8C 3A73 A729 04F0 FC9F 873C 7FE7 A816 1B54 33BA 5446 A692 5C60 0A60 D91D", FingerprintText.Grouped(Hex));
    }

    [Fact]
    public void Short_is_the_first_twelve_characters_in_three_groups()
    {
        Assert.Equal("2DBC-5B8C-3A73", FingerprintText.Short(Hex));
        Assert.Equal("2DBC-5B8C-3A73", FingerprintText.Short(Hex.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("2dbc5b8c3a73a72904f0fc9f873c7fe7a8161b5433ba5446a6925c600a60d91")] // 63
    [InlineData("2dbc5b8c3a73a72904f0fc9f873c7fe7a8161b5433ba5446a6925c600a60d91d0")] // 65
    [InlineData("2dbc5b8c3a73a72904f0fc9f873c7fe7a8161b5433ba5446a6925c600a60d91g")] // not hex
    [InlineData("2DBC 5B8C 3A73 A729 04F0 FC9F 873C 7FE7 A816 1B54 33BA 5446 A692 5C60 0A60 D91D")] // already grouped
    [InlineData("")]
    public void Anything_but_64_hex_digits_is_refused(string bad)
    {
        Assert.Throws<ArgumentException>(() => FingerprintText.Grouped(bad));
        Assert.Throws<ArgumentException>(() => FingerprintText.Short(bad));
    }

    [Fact]
    public void Null_is_refused_as_an_argument_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => FingerprintText.Grouped(null!));
    }
}
