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

    [Fact]
    public void Nice_0_leaves_every_thread_as_it_was()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "thread priorities are read from /proc");
        var before = NiceOfThreads();

        ProcessPriority.Apply(0);

        var after = NiceOfThreads();
        Assert.All(before.Keys.Intersect(after.Keys), thread => Assert.Equal(before[thread], after[thread]));
    }

    static Dictionary<string, int> NiceOfThreads() => Directory.EnumerateDirectories("/proc/self/task")
        .Select(task => (Thread: Path.GetFileName(task), Stat: TryRead(Path.Combine(task, "stat"))))
        .Where(t => t.Stat is not null)
        .ToDictionary(t => t.Thread, t => int.Parse(t.Stat![(t.Stat!.LastIndexOf(')') + 2)..].Split(' ')[16]));

    static string? TryRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
    }
}
