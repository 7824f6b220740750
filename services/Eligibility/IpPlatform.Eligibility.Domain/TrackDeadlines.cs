using IpPlatform.Contracts.Calls;

namespace IpPlatform.Eligibility.Domain;

/// <summary>One deadline of a track as an applicant needs to read it.</summary>
/// <param name="Local">The last minute, local, as the notice prints it (<c>2022-01-30T23:59</c>).</param>
/// <param name="TimeZone">The call's time zone the minute is read in.</param>
/// <param name="ClosesAtUtc">The first instant at which an act is late (the minute after <paramref name="Local"/>), in UTC.</param>
/// <param name="Open">Whether the deadline has not yet passed at the moment of asking.</param>
public sealed record DeadlineStatus(string Local, string TimeZone, DateTimeOffset ClosesAtUtc, bool Open);

/// <summary>The deadlines of a track that concern an applicant: online submission and the paper copy (null when the call sets none).</summary>
public sealed record TrackDeadlines(DeadlineStatus Online, DeadlineStatus? Paper)
{
    /// <summary>
    /// The deadlines of <paramref name="track"/> of <paramref name="call"/> at <paramref name="now"/>; null when the call's
    /// time zone is unknown here (a validated call never has one).
    /// </summary>
    public static TrackDeadlines? Of(CallDocument call, TrackDefinition track, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(track);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(call.TimeZone, out var zone)) return null;
        DeadlineStatus Status(LocalMinute minute)
        {
            var closes = minute.ClosesAt(zone);
            return new DeadlineStatus(minute.ToString(), call.TimeZone, closes.ToUniversalTime(), minute.IsOnTime(now, zone));
        }
        return new TrackDeadlines(Status(track.EffectiveOnlineDeadline), track.PaperDeadlineAt is { } paper ? Status(paper) : null);
    }
}
