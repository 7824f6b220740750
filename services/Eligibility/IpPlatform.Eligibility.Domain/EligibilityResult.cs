using System.Text.Json.Serialization;

namespace IpPlatform.Eligibility.Domain;

/// <summary>Overall outcome of an eligibility check (spec §6).</summary>
public enum EligibilityOutcome
{
    /// <summary>Every rule passes or is exempt.</summary>
    Eligible,
    /// <summary>Some rule fails.</summary>
    Ineligible,
    /// <summary>No rule fails but some rule could not be decided from the facts given.</summary>
    NeedsReview,
}

/// <summary>Result of one rule.</summary>
public enum RuleResult
{
    /// <summary>The condition is met.</summary>
    Pass,
    /// <summary>The condition is not met.</summary>
    Fail,
    /// <summary>The condition does not apply (an exemption of the notice holds).</summary>
    Exempt,
    /// <summary>A fact the rule needs is absent; a reviewer must decide.</summary>
    Unknown,
}

/// <summary>What one rule found, with the figures used, in Chinese and English.</summary>
/// <param name="RuleId">Rule id of spec §6, e.g. <c>IB-RD</c>.</param>
/// <param name="Result">The rule's result.</param>
/// <param name="MessageZh">Explanation in Chinese.</param>
/// <param name="MessageEn">Explanation in English.</param>
public sealed record Finding(string RuleId, RuleResult Result, string MessageZh, string MessageEn)
{
    /// <summary>What would make the rule pass, in its own terms and figures (a failure: the shortfall, e.g.
    /// ¥10,000 more R&amp;D spending in 2021; an unknown: the facts to declare), in Chinese; null when the rule
    /// passed or nothing quantitative can be said (a missing certificate, a dishonesty record). Left out of the
    /// JSON when null, so a passing finding keeps the shape clients already read.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GapZh { get; init; }
    /// <summary>The same in English.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GapEn { get; init; }
}

/// <summary>Outcome and findings, in rule order.</summary>
/// <param name="Outcome">Ineligible if any finding fails; else NeedsReview if any is Unknown; else Eligible.</param>
/// <param name="Findings">Every rule evaluated, in rule order.</param>
public sealed record EligibilityResult(EligibilityOutcome Outcome, IReadOnlyList<Finding> Findings)
{
    /// <summary>Derives the outcome from the findings.</summary>
    public static EligibilityResult From(IReadOnlyList<Finding> findings)
    {
        var outcome = findings.Any(f => f.Result == RuleResult.Fail) ? EligibilityOutcome.Ineligible
            : findings.Any(f => f.Result == RuleResult.Unknown) ? EligibilityOutcome.NeedsReview
            : EligibilityOutcome.Eligible;
        return new EligibilityResult(outcome, findings);
    }

    /// <summary>The finding of a rule, or null when the rule was not evaluated.</summary>
    public Finding? For(string ruleId) => Findings.FirstOrDefault(f => f.RuleId == ruleId);
}
