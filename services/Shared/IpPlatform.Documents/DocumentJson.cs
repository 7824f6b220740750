using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpPlatform.Documents;

/// <summary>The JSON conventions of the public documents (applications, calls).</summary>
public static class DocumentJson
{
    /// <summary>
    /// Web defaults (camelCase properties, case-insensitive reading), enums as their C# names (e.g.
    /// <c>"Enterprise"</c>) and as strings only:
    /// an unknown enum name or an integer in its place is a <see cref="JsonException"/> whose
    /// <see cref="JsonException.Path"/> names the field. Unknown properties are ignored so that clients
    /// may send newer fields. The instance is read-only and shared.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
