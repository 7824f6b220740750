using IpPlatform.Contracts.Calls;

namespace IpPlatform.Intake.Materials;

/// <summary>The call's rules for the materials of one track: which exist, how many files each holds, which types.</summary>
public sealed class MaterialRules(IReadOnlyList<MaterialDefinition> definitions)
{
    /// <summary>The materials of <paramref name="trackId"/> in <paramref name="call"/>; none when the call or track is unknown.</summary>
    public static MaterialRules For(CallDocument? call, string trackId) => new(call?.FindTrack(trackId)?.Content.Materials ?? []);

    public IReadOnlyList<MaterialDefinition> Definitions => definitions;

    public MaterialDefinition? Find(string materialId) => definitions.FirstOrDefault(d => d.Id == materialId);

    /// <summary>Refuses a further file of <paramref name="material"/> when the application already holds its most.</summary>
    public static void RequireRoomForAnother(MaterialDefinition material, int filesHeld)
    {
        if (filesHeld >= material.MaxFiles)
            throw new BusinessRuleException("too-many-files",
                $"Material '{material.Id}' ({material.NameZh}) holds at most {material.MaxFiles} file(s); replace or remove one first.");
    }

    /// <summary>Whether a file sniffed as <paramref name="type"/> is one <paramref name="material"/> accepts.</summary>
    public static bool Accepts(MaterialDefinition material, string? type) =>
        type is not null && material.AllowedTypes.Contains(type, StringComparer.OrdinalIgnoreCase);

    /// <summary>The required materials of which <paramref name="files"/> hold no file yet, in the call's order.</summary>
    public IReadOnlyList<string> MissingRequired(IEnumerable<ApplicationMaterial> files)
    {
        var held = files.Select(f => f.MaterialId).ToHashSet();
        return [.. definitions.Where(d => d.Required && !held.Contains(d.Id)).Select(d => d.Id)];
    }
}
