namespace IpPlatform.Gateway.Tests;

/// <summary>ServiceDefaults' <c>Runtime:Nice</c>; its effect on every thread is checked on the running stack (end-to-end tests).</summary>
public sealed class ProcessPriorityTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(20)]
    public void A_nice_value_outside_0_to_19_is_refused_by_its_setting_name(int nice)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProcessPriority.Apply(nice));
        Assert.Contains("Runtime:Nice must be between 0 (normal) and 19 (lowest)", error.Message);
    }
}
