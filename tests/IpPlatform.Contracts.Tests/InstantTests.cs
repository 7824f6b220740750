using System.Reflection;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Contracts.Tests;

// Another agency's system reads these types: an instant without its offset is read as local time, eight hours off.
public class InstantTests
{
    static readonly Assembly Contracts = typeof(CallPublished).Assembly;

    public static TheoryData<string> PublicTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Contracts.GetExportedTypes().Where(t => !t.IsEnum && !t.IsInterface)) data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void No_contract_type_carries_an_instant_without_its_offset(string typeName)
    {
        var type = Contracts.GetType(typeName)!;
        var offending = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => Mentions(p.PropertyType, typeof(DateTime)))
            .Select(p => $"{type.Name}.{p.Name} ({p.PropertyType.Name})")
            .ToList();

        // Instants are DateTimeOffset, dates that are dates DateOnly.
        Assert.Empty(offending);
    }

    [Fact]
    public void The_walk_sees_the_instants_there_are()
    {
        // The theory above would pass vacuously if reflection found no properties; the events do carry instants.
        Assert.Contains(typeof(CallPublished).GetProperties(), p => p.PropertyType == typeof(DateTimeOffset));
        Assert.True(Mentions(typeof(IReadOnlyList<DateTime?>), typeof(DateTime)));
        Assert.False(Mentions(typeof(IReadOnlyList<DateOnly>), typeof(DateTime)));
    }

    static bool Mentions(Type type, Type target) =>
        type == target
        || (Nullable.GetUnderlyingType(type) is { } inner && Mentions(inner, target))
        || (type.IsArray && Mentions(type.GetElementType()!, target))
        || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, target)));
}
