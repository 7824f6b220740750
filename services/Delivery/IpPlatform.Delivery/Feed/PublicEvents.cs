using System.Text.Json;
using System.Text.Json.Serialization;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Delivery.Feed;

/// <summary>
/// The integration events the platform publishes to other agencies: the feed stores them, webhooks carry them,
/// the AsyncAPI document describes them. <see cref="AccountRegistered"/> is internal (it carries e-mail
/// addresses) and is consumed for notifications only.
/// </summary>
public static class PublicEvents
{
    /// <summary>The contract's major version; CloudEvents types end with it (see docs/events/README.md).</summary>
    public const int MajorVersion = 1;

    public static readonly IReadOnlyList<Type> All =
    [
        typeof(CallPublished), typeof(ApplicationSubmitted), typeof(EligibilityAssessed),
        typeof(ApplicationRecommended), typeof(ApplicationForwardedToProvince), typeof(ApplicationReturned), typeof(PaperCopyReceived), typeof(ExpertsAssigned), typeof(ExpertScoreRecorded), typeof(ApplicationDecided),
        typeof(ApprovalCancelled), typeof(TranchesScheduled), typeof(TrancheDisbursed),
        typeof(ProjectStarted), typeof(ProjectEvaluated), typeof(ProjectAccepted),
    ];

    /// <summary>Event names as clients filter by them (the record's name).</summary>
    public static readonly IReadOnlySet<string> Names = All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The CloudEvents <c>type</c> of an event name, e.g. <c>cn.gov.jiangsu.ipplatform.ApplicationSubmitted.v1</c>.</summary>
    public static string CloudEventType(string name) => $"cn.gov.jiangsu.ipplatform.{name}.v{MajorVersion}";

    /// <summary>How event data is written for outsiders: camelCase, enums by name, as the schemas say.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The application an event is about (the CloudEvents <c>subject</c>), or the call for a published call.</summary>
    public static string? SubjectOf(object message) => message switch
    {
        CallPublished e => e.Call.Id,
        ApplicationSubmitted e => e.ApplicationId.ToString(),
        EligibilityAssessed e => e.ApplicationId.ToString(),
        ApplicationRecommended e => e.ApplicationId.ToString(),
        ApplicationReturned e => e.ApplicationId.ToString(),
        PaperCopyReceived e => e.ApplicationId.ToString(),
        ApplicationForwardedToProvince e => e.ApplicationId.ToString(),
        ExpertsAssigned e => e.ApplicationId.ToString(),
        ExpertScoreRecorded e => e.ApplicationId.ToString(),
        ApplicationDecided e => e.ApplicationId.ToString(),
        ApprovalCancelled e => e.ApplicationId.ToString(),
        TranchesScheduled e => e.ApplicationId.ToString(),
        TrancheDisbursed e => e.ApplicationId.ToString(),
        ProjectStarted e => e.ApplicationId.ToString(),
        ProjectEvaluated e => e.ApplicationId.ToString(),
        ProjectAccepted e => e.ApplicationId.ToString(),
        _ => null,
    };
}
