namespace IpPlatform.Contracts.Calls;

/// <summary>
/// The events that release a tranche (<see cref="TranchePlanItem.Trigger"/>), as the funding service knows them.
/// A call naming any other trigger is refused at publication, not months later when funding meets it.
/// </summary>
public static class TrancheTriggers
{
    /// <summary>Released when the province approves the application.</summary>
    public const string Approval = "Approval";
    /// <summary>Released when the mid-term evaluation is passed.</summary>
    public const string MidTermPassed = "MidTermPassed";
    /// <summary>Released when the project is accepted.</summary>
    public const string Acceptance = "Acceptance";

    /// <summary>Every known trigger, in the order a project meets them.</summary>
    public static IReadOnlyList<string> All { get; } = [Approval, MidTermPassed, Acceptance];
}
