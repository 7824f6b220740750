using Microsoft.Extensions.Configuration;

namespace IpPlatform.Gateway.Tests;

/// <summary>
/// ServiceDefaults' <see cref="MachineLoad"/>, fed with /proc-shaped lines: whose time counts as "others at normal
/// priority", the threshold, and the bounded wait.
/// </summary>
public sealed class MachineLoadTests
{
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    static string Machine(long user, long nice, long system, long idle) => $"cpu  {user} {nice} {system} {idle} 0 0 0 0 0 0";

    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice ...
    static string Own(long utime, long stime, int nice) =>
        $"4242 (dotnet exec) S 1 1 1 0 -1 4194304 0 0 0 0 {utime} {stime} 0 0 {20 + nice} {nice} 30 0 100 0 0";

    sealed class Feed(string machine, string own)
    {
        public string Machine { get; set; } = machine;
        public string Own { get; set; } = own;
    }

    static (MachineLoad Load, Feed Feed) Monitor(int percent, TimeSpan maxWait, string machine, string own)
    {
        var feed = new Feed(machine, own);
        var load = MachineLoad.ForTest(percent, maxWait, () => feed.Machine, () => feed.Own);
        load.Refresh();
        return (load, feed);
    }

    public static TheoryData<string, string, string, string, double, bool> Intervals => new()
    {
        // 100 ticks of the cores: 80 user and 10 system at normal priority, 5 of the system ticks this (niced) process's own.
        { Machine(1000, 500, 200, 5000), Own(300, 50, nice: 10), Machine(1080, 505, 210, 5005), Own(305, 55, nice: 10), 0.85, true },
        // Niced processes' user time is counted apart by Linux: the services that may lag never hold each other back.
        { Machine(1000, 500, 200, 5000), Own(300, 50, nice: 10), Machine(1005, 585, 205, 5005), Own(340, 52, nice: 10), 0.08, false },
        // A process at normal priority leaves out its own user time too: 90 busy ticks, 75 of them its own.
        { Machine(1000, 0, 200, 5000), Own(300, 50, nice: 0), Machine(1080, 0, 210, 5010), Own(370, 55, nice: 0), 0.15, false },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void The_share_counts_others_at_normal_priority_only(string machineBefore, string ownBefore, string machineAfter, string ownAfter,
        double share, bool busy)
    {
        var (load, feed) = Monitor(60, TimeSpan.FromSeconds(1), machineBefore, ownBefore);
        Assert.False(load.IsBusy); // one sample compares with nothing

        (feed.Machine, feed.Own) = (machineAfter, ownAfter);
        load.Refresh();

        Assert.Equal(share, load.LastShare, precision: 3);
        Assert.Equal(busy, load.IsBusy);
    }

    [Fact]
    public async Task A_quiet_machine_holds_nothing_back()
    {
        var (load, _) = Monitor(60, TimeSpan.FromSeconds(30), Machine(1000, 0, 200, 5000), Own(300, 50, nice: 10));

        Assert.Equal(TimeSpan.Zero, await load.WaitWhileBusyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_wait_ends_once_the_machine_is_quiet_again()
    {
        var (load, feed) = Monitor(60, TimeSpan.FromSeconds(60), Machine(1000, 0, 200, 5000), Own(300, 50, nice: 10));
        (feed.Machine, feed.Own) = (Machine(1090, 0, 210, 5000), Own(300, 50, nice: 10));
        load.Refresh();
        Assert.True(load.IsBusy);

        var waiting = load.WaitWhileBusyAsync(TestContext.Current.CancellationToken);
        await Task.Delay(MachineLoad.Interval * 2, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        (feed.Machine, feed.Own) = (Machine(1095, 0, 211, 5094), Own(300, 50, nice: 10));
        load.Refresh();
        var waited = await waiting.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.InRange(waited, MachineLoad.Interval, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_machine_that_stays_busy_holds_work_back_no_longer_than_the_bounded_wait()
    {
        var (load, feed) = Monitor(60, TimeSpan.FromMilliseconds(600), Machine(1000, 0, 200, 5000), Own(300, 50, nice: 10));
        (feed.Machine, feed.Own) = (Machine(1090, 0, 210, 5000), Own(300, 50, nice: 10));
        load.Refresh();

        var waited = await load.WaitWhileBusyAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(load.IsBusy);
        Assert.True(waited >= TimeSpan.FromMilliseconds(600), $"waited {waited}");
    }

    [Theory]
    [InlineData("Runtime:YieldAbovePercent", "-1", "Runtime:YieldAbovePercent must be between 0 (never wait) and 100")]
    [InlineData("Runtime:YieldAbovePercent", "101", "Runtime:YieldAbovePercent must be between 0 (never wait) and 100")]
    [InlineData("Runtime:YieldMaxWaitMs", "0", "Runtime:YieldMaxWaitMs must be between 1 and 60000")]
    public void A_setting_out_of_range_is_refused_by_name(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => MachineLoad.From(configuration));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Without_a_threshold_nothing_is_monitored()
    {
        Assert.Null(MachineLoad.From(new ConfigurationBuilder().Build()));
        Assert.Null(MachineLoad.From(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Runtime:YieldAbovePercent"] = "0" }).Build()));
    }

    [Fact]
    public void On_linux_a_threshold_starts_sampling_this_machine()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/stat is Linux's");
        using var load = MachineLoad.From(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Runtime:YieldAbovePercent"] = "60" }).Build());

        Assert.NotNull(load);
        Assert.Equal(TimeSpan.FromSeconds(1), load.MaxWait);
    }
}
