using System.Diagnostics;
using OpenTelemetry.Trace;

namespace IpPlatform.Gateway.Tests;

/// <summary>The gateway's trace budget: the first N new traces of a second are recorded, the rest dropped.</summary>
public sealed class TracingTests
{
    [Fact]
    public void At_most_the_budget_is_recorded_each_second_and_the_next_second_starts_afresh()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        var sampler = new TracesPerSecondSampler(3, clock);

        var first = Enumerable.Range(0, 5).Select(_ => Decide(sampler)).ToList();
        clock.Now = clock.Now.AddMilliseconds(999); // same second
        var stillFirst = Decide(sampler);
        clock.Now = clock.Now.AddMilliseconds(1);
        var next = Decide(sampler);

        Assert.Equal(3, first.Count(d => d == SamplingDecision.RecordAndSample));
        Assert.Equal([SamplingDecision.Drop, SamplingDecision.Drop], first[3..]);
        Assert.Equal(SamplingDecision.Drop, stillFirst);
        Assert.Equal(SamplingDecision.RecordAndSample, next);
    }

    [Fact]
    public void A_budget_of_zero_records_nothing()
    {
        var sampler = new TracesPerSecondSampler(0, TimeProvider.System);

        Assert.Equal(SamplingDecision.Drop, Decide(sampler));
    }

    static SamplingDecision Decide(Sampler sampler) =>
        sampler.ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateRandom(), "POST /api/eligibility/precheck", ActivityKind.Server)).Decision;

    sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
