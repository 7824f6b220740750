using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpPlatform.Contracts.Calls;

/// <summary>
/// A minute on the wall clock of a call's time zone, written <c>yyyy-MM-ddTHH:mm</c> (e.g. <c>2022-01-30T23:59</c>).
/// Deadlines are local because the notice prints them local; the instant depends on the call's
/// <see cref="CallDocument.TimeZone"/>. A deadline minute is inclusive: an act is on time up to the last
/// second of that minute and late from the next minute on.
/// </summary>
[JsonConverter(typeof(LocalMinuteJsonConverter))]
public readonly record struct LocalMinute(DateOnly Date, int Hour, int Minute) : IComparable<LocalMinute>
{
    /// <summary>The text form, e.g. <c>2022-01-30T23:59</c>.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm";

    /// <summary>The last minute of <paramref name="date"/>: what "截止日期为 … 日" means when the notice names no hour.</summary>
    public static LocalMinute EndOf(DateOnly date) => new(date, 23, 59);

    /// <summary>Reads the text form; false for anything else.</summary>
    public static bool TryParse(string? text, out LocalMinute value)
    {
        value = default;
        if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        value = new LocalMinute(DateOnly.FromDateTime(parsed), parsed.Hour, parsed.Minute);
        return true;
    }

    /// <summary>Reads the text form or throws <see cref="FormatException"/>.</summary>
    public static LocalMinute Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a local minute ({Format}).");

    /// <summary>The wall-clock time without a zone.</summary>
    public DateTime ToDateTime() => Date.ToDateTime(new TimeOnly(Hour, Minute));

    /// <summary>The first instant after this minute in <paramref name="zone"/>: acts at or after it are late.</summary>
    public DateTimeOffset ClosesAt(TimeZoneInfo zone)
    {
        var end = ToDateTime().AddMinutes(1);
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }

    /// <summary>Whether <paramref name="now"/> is within this deadline minute or before it, in <paramref name="zone"/>.</summary>
    public bool IsOnTime(DateTimeOffset now, TimeZoneInfo zone) => now < ClosesAt(zone);

    /// <inheritdoc/>
    public int CompareTo(LocalMinute other) => ToDateTime().CompareTo(other.ToDateTime());
    /// <summary>Earlier.</summary>
    public static bool operator <(LocalMinute a, LocalMinute b) => a.CompareTo(b) < 0;
    /// <summary>Later.</summary>
    public static bool operator >(LocalMinute a, LocalMinute b) => a.CompareTo(b) > 0;
    /// <summary>Earlier or the same.</summary>
    public static bool operator <=(LocalMinute a, LocalMinute b) => a.CompareTo(b) <= 0;
    /// <summary>Later or the same.</summary>
    public static bool operator >=(LocalMinute a, LocalMinute b) => a.CompareTo(b) >= 0;

    /// <summary>The text form.</summary>
    public override string ToString() => ToDateTime().ToString(Format, CultureInfo.InvariantCulture);
}

/// <summary>Reads and writes a <see cref="LocalMinute"/> as <c>yyyy-MM-ddTHH:mm</c>; anything else is a JSON error naming the field.</summary>
public sealed class LocalMinuteJsonConverter : JsonConverter<LocalMinute>
{
    /// <inheritdoc/>
    public override LocalMinute Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && LocalMinute.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException($"Expected a local date and minute such as \"2022-01-30T23:59\" ({LocalMinute.Format}).");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, LocalMinute value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
