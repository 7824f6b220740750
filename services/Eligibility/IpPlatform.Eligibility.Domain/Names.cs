namespace IpPlatform.Eligibility.Domain;

/// <summary>How the rules compare names (a GI, a school): without white space and case.</summary>
public static class Names
{
    /// <summary>
    /// The comparison key of a name: white space removed, upper-cased (invariant). Two names are the same for the
    /// rules exactly when their keys are equal, so a store can index the key and ask for one name directly.
    /// </summary>
    public static string? Key(string? name) =>
        name is null ? null : string.Concat(name.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}
