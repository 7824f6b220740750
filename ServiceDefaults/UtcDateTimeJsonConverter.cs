using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpPlatform;

/// <summary>
/// Writes every <see cref="DateTime"/> instant as UTC with its <c>Z</c>: the platform stores instants in UTC,
/// but a database provider may hand them back without their kind, and a reader taking such a value for local
/// time would be off by eight hours. Reads an offset-less value as UTC and any other as the instant it names.
/// </summary>
public sealed class UtcDateTimeJsonConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A date-time is required.");
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
            throw new JsonException($"'{text}' is not an ISO 8601 date-time.");
        return DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        writer.WriteStringValue(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
