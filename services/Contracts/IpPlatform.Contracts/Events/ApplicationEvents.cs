using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;

namespace IpPlatform.Contracts.Events;

/// <summary>An applicant submitted an application online (intake). Starts eligibility and routing.</summary>
/// <param name="ApplicationId">Platform id of the application.</param>
/// <param name="CallId">Call the application answers.</param>
/// <param name="TrackId">Track it targets.</param>
/// <param name="Document">The document as submitted (application-facts.md).</param>
/// <param name="SubmittedAt">When it was submitted.</param>
public sealed record ApplicationSubmitted(
    Guid ApplicationId, string CallId, string TrackId, ApplicationDocument Document, DateTimeOffset SubmittedAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }

    /// <summary>
    /// Version of the call the application was submitted under (<see cref="CallPublished.Version"/>); eligibility
    /// assesses and routing counts quotas with that version. Null from a producer that does not know versions: the current one.
    /// </summary>
    public int? CallVersion { get; init; }

    /// <summary>
    /// SHA-256 (lower-case hex) over the canonical form of the submitted record and its materials' hashes: the
    /// fingerprint printed on the paper copy. Null from producers older than printed forms.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>The materials as frozen at submission, in the call's order. Empty from producers older than materials.</summary>
    public IReadOnlyList<SubmittedMaterial> Materials { get; init; } = [];
}

/// <summary>A file frozen with a submitted application.</summary>
/// <param name="MaterialId">The call's material id, e.g. <c>commitment-letter</c>.</param>
/// <param name="FileName">Name the applicant gave the file.</param>
/// <param name="ContentType">Type sniffed from the bytes, e.g. <c>application/pdf</c>.</param>
/// <param name="SizeBytes">Size.</param>
/// <param name="Sha256">SHA-256 of the bytes, lower-case hex.</param>
public sealed record SubmittedMaterial(string MaterialId, string FileName, string ContentType, long SizeBytes, string Sha256);

/// <summary>Outcome of an eligibility assessment.</summary>
public enum EligibilityOutcome
{
    /// <summary>Every rule passes or is exempt.</summary>
    Eligible,
    /// <summary>At least one rule fails.</summary>
    Ineligible,
    /// <summary>No rule fails but at least one could not be decided from the facts given.</summary>
    NeedsReview,
}

/// <summary>One rule's finding.</summary>
/// <param name="RuleId">Rule id of the call specification, e.g. <c>IB-RD</c>.</param>
/// <param name="Result"><c>Pass</c>, <c>Fail</c>, <c>Exempt</c> or <c>Unknown</c>.</param>
/// <param name="MessageZh">Explanation in Chinese, with the figures used.</param>
/// <param name="MessageEn">Explanation in English, with the figures used.</param>
public sealed record EligibilityFinding(string RuleId, string Result, string MessageZh, string MessageEn)
{
    /// <summary>
    /// For a failed rule, what would make it pass, in the rule's own terms (e.g. ¥X more R&amp;D spend in 2021,
    /// one more IP staff), in Chinese; null when the rule passed or the gap cannot be stated as a quantity.
    /// </summary>
    public string? GapZh { get; init; }
    /// <summary>The same gap in English.</summary>
    public string? GapEn { get; init; }
}

/// <summary>The eligibility service assessed a submitted application.</summary>
/// <param name="ApplicationId">Application assessed.</param>
/// <param name="CallId">Its call.</param>
/// <param name="TrackId">Its track.</param>
/// <param name="Outcome">Overall outcome.</param>
/// <param name="Findings">Every rule's finding, in rule order.</param>
/// <param name="AssessedAt">When.</param>
public sealed record EligibilityAssessed(
    Guid ApplicationId, string CallId, string TrackId, EligibilityOutcome Outcome,
    IReadOnlyList<EligibilityFinding> Findings, DateTimeOffset AssessedAt)
{
    /// <summary>Version of the call the application was assessed under (<see cref="CallPublished.Version"/>).</summary>
    public int? CallVersion { get; init; }
}
