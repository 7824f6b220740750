using System.Text.Json;

namespace IpPlatform.Portal.Api;

// The administrator's documents as the services write them (camelCase): identity's accounts and regions, the calls'
// versions and differences, routing's city figures and quotas, the import's answer and each service's audit check.

/// <summary>An account as identity shows it to the administrator.</summary>
public sealed record AdminAccount(
    string UserName, string DisplayName, string Role, string? Office, IReadOnlyList<string>? Divisions, string? Org,
    string? RegionCode, bool Active, DateTime? LockedOutUntil, DateTime CreatedAt);

/// <summary>What identity needs for a staff account (<c>POST /api/identity/accounts</c>).</summary>
public sealed record StaffAccountRequest(
    string? UserName, string? DisplayName, string? Role, string? OfficeCode, IReadOnlyList<string>? Divisions, string? Password, string? Email);

/// <summary>A division of Jiangsu (GB/T 2260); <see cref="Level"/> is <c>Province</c>, <c>City</c>, <c>County</c> or a zone.</summary>
public sealed record RegionEntry(string Code, string Name, string Level, string? CityCode);

/// <summary>One published version of a call and the reason it was published (null for the first).</summary>
public sealed record CallVersionEntry(string CallId, int Version, DateTime PublishedAt, string? Reason, string? PublishedBy);

/// <summary>One version whole; <see cref="Call"/> is the call document as published.</summary>
public sealed record CallVersionDocument(string CallId, int Version, DateTime PublishedAt, string? Reason, AdminCall Call);

/// <summary>The parts of a call document the administrator reads; the content rules and parameters stay JSON.</summary>
public sealed record AdminCall(
    string Id, string TitleZh, string? NoticeNumber, DateOnly IssuedOn, DateOnly ReferenceDate, int LastYear, string? TimeZone,
    bool Rehearsal, IReadOnlyList<AdminTrack> Tracks);

public sealed record AdminTrack(
    string Id, string ProgrammeZh, string? NameEn, IReadOnlyList<string>? AdmittedKinds, DateOnly OnlineDeadline,
    string? OnlineDeadlineAt, string? PaperDeadlineAt, string? SummaryTableDeadlineAt, string? DivisionZh,
    IReadOnlyList<CallContact>? Contacts, string? PaperAddressZh, int? PeriodYears, int EvaluationAfterMonths,
    IReadOnlyList<AdminTranche>? Tranches, AdminQuota? Quota, Dictionary<string, decimal>? Parameters,
    JsonElement? Review, JsonElement? Content, JsonElement? Routing);

public sealed record AdminTranche(string Name, decimal Share, string Trigger);
public sealed record AdminQuota(string Kind, int? PerCity, IReadOnlyList<AdminQuotaBand>? Bands, int IncentiveBonus);
public sealed record AdminQuotaBand(int GrantsAbove, int Quota);

/// <summary>Field-by-field changes between two calls or versions (<c>GET /api/eligibility/calls/diff</c>).</summary>
public sealed record CallDiff(CallRefEntry From, CallRefEntry To, IReadOnlyList<CallChange> Changes);
public sealed record CallRefEntry(string CallId, int Version);
public sealed record CallChange(string Path, JsonElement? Before, JsonElement? After);

/// <summary>A city's quota use per track of a call (<c>GET /api/routing/cities/{city}/summary</c>).</summary>
public sealed record CityQuotas(string CallId, string CityCode, IReadOnlyList<CityTrackQuota> Tracks);
/// <param name="Limit">Null when the track is unlimited or the city's figures are not entered (<paramref name="LimitUnknownReason"/>).</param>
public sealed record CityTrackQuota(string TrackId, int Used, int? Limit, string? LimitUnknownReason);

/// <summary>The figures that decide a city's banded quota for a call (<c>PUT /api/routing/cities/{city}/figures</c>).</summary>
public sealed record CityFiguresEntry(string CallId, string CityCode, int InventionGrantsLastYear, bool IncentiveRegion, DateTime UpdatedAt);

/// <summary>What a project-history import did: new rows, changed rows, rows already there as they are.</summary>
public sealed record HistoryImportResult(int Imported, int Updated, int Unchanged);

/// <summary>A service's audit hash chain as its <c>audit/verify</c> endpoint found it.</summary>
public sealed record AuditCheck(bool Intact, long EntriesChecked, AuditBrokenEntry? FirstBroken);
public sealed record AuditBrokenEntry(long Sequence, Guid Id, string Reason);

/// <summary>One service's audit verification, or the status it answered instead (unreachable, refused).</summary>
public sealed record AuditServiceResult(string Service, string Prefix, AuditCheck? Check, int Status);
