namespace IpPlatform.Printing.Tests;

public class FontSourceTests
{
    static readonly FontSource Source = new("TEST_FONT", "fonts-test", ["/a.ttf", "/b.ttf"]);

    [Fact]
    public void The_environment_variable_wins()
    {
        Assert.Equal("/custom.ttf", Source.Locate(_ => "/custom.ttf", path => true));
    }

    [Fact]
    public void Without_the_variable_the_first_known_path_that_exists_is_used()
    {
        Assert.Equal("/b.ttf", Source.Locate(_ => null, path => path == "/b.ttf"));
    }

    [Fact]
    public void A_variable_naming_a_missing_file_is_an_error_not_a_silent_fallback()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Source.Locate(_ => "/missing.ttf", path => path != "/missing.ttf"));

        Assert.Contains("TEST_FONT", error.Message);
        Assert.Contains("/missing.ttf", error.Message);
    }

    [Fact]
    public void No_font_names_the_debian_package_to_install()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Source.Locate(_ => null, _ => false));

        Assert.Contains("apt-get install fonts-test", error.Message);
        Assert.Contains("TEST_FONT", error.Message);
    }

    [Fact]
    public void The_defaults_are_the_debian_packages_this_machine_installs()
    {
        // scripts/ensure-prerequisites.sh installs exactly these packages; these paths must exist after it ran.
        Assert.Equal("fonts-droid-fallback", PrintFonts.Cjk.DebianPackage);
        Assert.Equal("fonts-dejavu-core", PrintFonts.Latin.DebianPackage);
        Assert.True(File.Exists(PrintFonts.Cjk.Locate()));
        Assert.True(File.Exists(PrintFonts.Latin.Locate()));
    }
}
