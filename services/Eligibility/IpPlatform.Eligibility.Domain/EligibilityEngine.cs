using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Eligibility.Domain.Rules;
using IpPlatform.Eligibility.Domain.Tracks;

namespace IpPlatform.Eligibility.Domain;

/// <summary>
/// The eligibility rules of spec §6: a pure function of the application document, the call and a snapshot
/// of the platform's records. It does no I/O and never throws on an applicant's document; absent facts make
/// rules Unknown. Thresholds come from the track's parameters (<see cref="ParameterNames"/>); the call must
/// have passed <see cref="CallValidator"/>.
/// </summary>
public static class EligibilityEngine
{
    private sealed record TrackRules(IReadOnlyList<string> RequiredParameters, Action<RuleContext> Evaluate);

    private static readonly Dictionary<string, TrackRules> Rules = new()
    {
        [TrackIds.ProtectionZone] = new(ProtectionZoneRules.Parameters, ProtectionZoneRules.Evaluate),
        [TrackIds.GiBrand] = new(GiBrandRules.Parameters, GiBrandRules.Evaluate),
        [TrackIds.IndustrialBrand] = new(IndustrialBrandRules.Parameters, IndustrialBrandRules.Evaluate),
        [TrackIds.HvpNew] = new(HighValuePatentRules.NewParameters, HighValuePatentRules.EvaluateNew),
        [TrackIds.HvpUpgrade] = new(HighValuePatentRules.UpgradeParameters, HighValuePatentRules.EvaluateUpgrade),
        [TrackIds.UnivOperation] = new(PatentConversionRules.UnivOperationParameters, PatentConversionRules.EvaluateUnivOperation),
        [TrackIds.IndustryCenter] = new(PatentConversionRules.IndustryCenterParameters, PatentConversionRules.EvaluateIndustryCenter),
    };

    /// <summary>Track ids the engine has rules for; a call may only contain these.</summary>
    public static IReadOnlyCollection<string> SupportedTracks => Rules.Keys;

    /// <summary>Parameters the rules of a track read, or null for a track without rules.</summary>
    public static IReadOnlyList<string>? RequiredParameters(string trackId) =>
        Rules.TryGetValue(trackId, out var rules) ? rules.RequiredParameters : null;

    /// <summary>Assesses <paramref name="doc"/> against the track it names in <paramref name="call"/>.</summary>
    /// <exception cref="InvalidOperationException">The call lacks a parameter its track needs (it was not validated).</exception>
    public static EligibilityResult Assess(ApplicationDocument doc, CallDocument call, EligibilityHistory history)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(call);
        history ??= EligibilityHistory.Empty;

        var track = call.FindTrack(doc.Track);
        if (track is null || !Rules.TryGetValue(track.Id, out var rules))
        {
            var known = string.Join(", ", call.Tracks.Select(t => t.Id));
            return EligibilityResult.From([new Finding("TRACK", RuleResult.Fail,
                $"不符合【申报方向】：通知 {call.Id} 中无方向“{doc.Track}”（可选：{known}）。",
                $"Not met — track: call {call.Id} has no track '{doc.Track}' (expected one of: {known}).")]);
        }

        var ctx = new RuleContext(doc, call, track, history);
        var kind = KindCheck(ctx);
        ctx.KindAdmitted = kind.Result == RuleResult.Pass;
        ctx.Add("APPLICANT-KIND", "申报主体类型", "applicant kind admitted by the track", kind);
        rules.Evaluate(ctx);
        return EligibilityResult.From(ctx.Findings);
    }

    private static Check KindCheck(RuleContext ctx)
    {
        var admitted = string.Join(", ", ctx.Track.AdmittedKinds);
        if (ctx.Kind is not { } kind) return Check.Missing("applicant.kind");
        return ctx.Track.AdmittedKinds.Contains(kind)
            ? Check.Pass($"{kind} 属于本方向申报主体（{admitted}）", $"{kind} is admitted ({admitted})")
            : Check.Fail($"{kind} 不属于本方向申报主体（{admitted}）", $"{kind} is not admitted ({admitted})");
    }
}
