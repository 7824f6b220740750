namespace IpPlatform.Documents;

/// <summary>
/// Unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character
/// alphabet, the last being a check character over the first 17.
/// </summary>
public static class CreditCode
{
    /// <summary>Length of a code.</summary>
    public const int Length = 18;

    // The standard's alphabet; a character's value is its index (I, O, S, V, Z are not used).
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>True when <paramref name="code"/> is a well-formed code with a correct check character.</summary>
    public static bool IsValid(string? code) => Check(code) is null;

    /// <summary>Null when the code is valid, otherwise why it is not (English).</summary>
    public static string? Check(string? code)
    {
        if (string.IsNullOrEmpty(code))
            return "The unified social credit code is empty.";
        if (code.Length != Length)
            return $"The unified social credit code must have {Length} characters, not {code.Length}.";
        for (var i = 0; i < code.Length; i++)
        {
            if (Alphabet.IndexOf(code[i]) < 0)
                return $"Character '{code[i]}' at position {i + 1} is not allowed in a unified social credit code " +
                       "(digits and upper-case letters except I, O, S, V, Z).";
        }
        var expected = ComputeCheckCharacter(code.AsSpan(0, Length - 1));
        return code[^1] == expected
            ? null
            : $"The check character of the unified social credit code is wrong: expected '{expected}', found '{code[^1]}'.";
    }

    /// <summary>
    /// The check character for the first 17 characters: 31 − (Σ value×weight mod 31), where 31 maps to '0'.
    /// </summary>
    /// <exception cref="ArgumentException">Not 17 characters of the alphabet.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
            throw new ArgumentException($"Expected {Length - 1} characters.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0)
                throw new ArgumentException($"Character '{first17[i]}' is not in the code alphabet.", nameof(first17));
            sum += value * Weights[i];
        }
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }
}
