using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Intake.Applications;

/// <summary>
/// The paper copy an office received at its window and checked against the submitted record (by the
/// fingerprint printed on it): when, how many copies, whether it matches and why not, and who recorded it.
/// Stored with the application (an owned value); a later record replaces it while recording is still allowed.
/// </summary>
public sealed class PaperCopy
{
    public DateOnly ReceivedOn { get; private set; }
    public int Copies { get; private set; }
    public bool Matches { get; private set; }
    public string? Reason { get; private set; }
    public OfficeLevel Level { get; private set; }
    public string OfficeCode { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    public string RecordedBy { get; private set; } = "";

    /// <summary>Copies an office may record at once: the notice asks for one bound copy; ten is a generous bound on typing errors.</summary>
    public const int MaxCopies = 10;
    /// <summary>Longest reason stored.</summary>
    public const int MaxReasonLength = 2000;

    PaperCopy() { }

    internal PaperCopy(DateOnly receivedOn, int copies, bool matches, string? reason, OfficeLevel level, string officeCode, DateTime recordedAtUtc, Actor by)
    {
        ReceivedOn = receivedOn;
        Copies = copies;
        Matches = matches;
        Reason = matches ? null : reason?.Trim();
        Level = level;
        OfficeCode = officeCode;
        RecordedAtUtc = recordedAtUtc;
        RecordedBy = by.Name;
    }

    /// <summary>Problems of a request to record a paper copy that need no record to check (→ 400).</summary>
    public static Dictionary<string, string[]> CheckRequest(DateOnly? receivedOn, int? copies, bool? matches, string? reason)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (receivedOn is null) errors["receivedOn"] = ["The day the copy was received is required."];
        if (copies is null or < 1 or > MaxCopies) errors["copies"] = [$"Between 1 and {MaxCopies} copies are recorded."];
        if (matches is null) errors["matches"] = ["Whether the paper copy matches the submitted record is required."];
        if (matches is false && string.IsNullOrWhiteSpace(reason)) errors["reason"] = ["A paper copy that does not match needs the reason: the applicant gets it back with it."];
        else if (reason?.Trim().Length > MaxReasonLength) errors["reason"] = [$"The reason has at most {MaxReasonLength} characters."];
        return errors;
    }
}
