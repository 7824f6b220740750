using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Intake.Applications;

namespace IpPlatform.Intake.Tests;

/// <summary>The fingerprint printed on the paper copy: the same record gives the same bytes, any change another fingerprint.</summary>
public sealed class FingerprintTests
{
    static readonly ApplicationDocument Document = JsonSerializer.Deserialize<ApplicationDocument>(
        JsonSerializer.Serialize(Samples.Document("open")), DocumentJson.Options)!;

    static readonly FingerprintedRecord Record = new(
        Guid.Parse("0193a1b2-0000-7000-8000-000000000001"), "open", 2, "industrial-brand", Samples.CreditCode, Document,
        new DateTime(2022, 1, 20, 3, 4, 5, 678, DateTimeKind.Utc),
        [
            new FingerprintedMaterial("commitment-letter", "承诺书.pdf", 1234, new string('a', 64)),
            new FingerprintedMaterial("application-form", "申报书.pdf", 99_000, new string('b', 64)),
        ]);

    [Fact]
    public void The_same_record_gives_the_same_lower_case_sha256_every_time()
    {
        var first = Fingerprint.Compute(Record);
        var again = Fingerprint.Compute(Record with { Document = Document with { }, Materials = [.. Record.Materials] });

        Assert.Equal(first, again);
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(Fingerprint.Canonical(Record), Fingerprint.Canonical(Record with { }));
    }

    [Fact]
    public void Neither_the_order_of_materials_nor_the_order_the_client_wrote_members_in_counts()
    {
        var reordered = Record with { Materials = [.. Record.Materials.Reverse()] };
        // The same document with its members sent in another order.
        var shuffledJson = """
            { "contact": { "email": "wang@example.com", "mobile": "13800138000", "name": "王某" },
              "track": "industrial-brand", "callId": "open" }
            """;
        var straightJson = """
            { "callId": "open", "track": "industrial-brand",
              "contact": { "name": "王某", "mobile": "13800138000", "email": "wang@example.com" } }
            """;

        Assert.Equal(Fingerprint.Compute(Record), Fingerprint.Compute(reordered));
        Assert.Equal(
            Fingerprint.Compute(Record with { Document = JsonSerializer.Deserialize<ApplicationDocument>(shuffledJson, DocumentJson.Options)! }),
            Fingerprint.Compute(Record with { Document = JsonSerializer.Deserialize<ApplicationDocument>(straightJson, DocumentJson.Options)! }));
    }

    [Fact]
    public void Ticks_below_the_millisecond_do_not_count_but_a_millisecond_does()
    {
        var original = Fingerprint.Compute(Record);

        Assert.Equal(original, Fingerprint.Compute(Record with { SubmittedAtUtc = Record.SubmittedAtUtc.AddTicks(9_999) }));
        Assert.NotEqual(original, Fingerprint.Compute(Record with { SubmittedAtUtc = Record.SubmittedAtUtc.AddMilliseconds(1) }));
    }

    public static TheoryData<string> Changes() =>
    [
        "applicationId", "callId", "callVersion", "callVersion-null", "track", "creditCode", "submittedAt",
        "project.name", "budget.provincialFundsCny", "contact.mobile", "tasks[0].plan", "targets[0].value",
        "material.id", "material.fileName", "material.size", "material.sha256", "material.added", "material.removed",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_change_of_the_record_or_its_materials_gives_another_fingerprint(string change)
    {
        var file = Record.Materials[0];
        var changed = change switch
        {
            "applicationId" => Record with { ApplicationId = Guid.Parse("0193a1b2-0000-7000-8000-000000000002") },
            "callId" => Record with { CallId = "open2" },
            "callVersion" => Record with { CallVersion = 3 },
            "callVersion-null" => Record with { CallVersion = null },
            "track" => Record with { TrackId = "gi-brand" },
            "creditCode" => Record with { ApplicantCreditCode = Samples.Code(1) },
            "submittedAt" => Record with { SubmittedAtUtc = Record.SubmittedAtUtc.AddSeconds(1) },
            "project.name" => Record with { Document = Document with { Project = Document.Project! with { Name = "另一个项目" } } },
            "budget.provincialFundsCny" => Record with { Document = Document with { Budget = Document.Budget! with { ProvincialFundsCny = 999_999m } } },
            "contact.mobile" => Record with { Document = Document with { Contact = Document.Contact! with { Mobile = "13800138001" } } },
            "tasks[0].plan" => Record with { Document = Document with { Tasks = [Document.Tasks![0] with { Plan = "改" }] } },
            "targets[0].value" => Record with { Document = Document with { Targets = [Document.Targets![0] with { Value = 13 }] } },
            "material.id" => Record with { Materials = [file with { MaterialId = "other-proof" }, Record.Materials[1]] },
            "material.fileName" => Record with { Materials = [file with { FileName = "承诺书2.pdf" }, Record.Materials[1]] },
            "material.size" => Record with { Materials = [file with { SizeBytes = 1235 }, Record.Materials[1]] },
            "material.sha256" => Record with { Materials = [file with { Sha256 = new string('c', 64) }, Record.Materials[1]] },
            "material.added" => Record with { Materials = [.. Record.Materials, file with { Sha256 = new string('d', 64) }] },
            "material.removed" => Record with { Materials = [Record.Materials[1]] },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Assert.NotEqual(Fingerprint.Compute(Record), Fingerprint.Compute(changed));
    }

    [Theory]
    [InlineData("3F2A91C07B4E3F2A91C07B4E3F2A91C07B4E3F2A91C07B4E3F2A91C07B4E3F2A")]
    [InlineData("3f2a 91c0 7b4e 3f2a 91c0 7b4e 3f2a 91c0 7b4e 3f2a 91c0 7b4e 3f2a 91c0 7b4e 3f2a")]
    [InlineData("3F2A-91C0-7B4E-3F2A-91C0-7B4E-3F2A-91C0-7B4E-3F2A-91C0-7B4E-3F2A-91C0-7B4E-3F2A")]
    public void A_fingerprint_is_read_in_any_case_with_spaces_or_dashes(string typed)
    {
        Assert.True(Fingerprint.TryNormalize(typed, out var normalized));
        Assert.Equal("3f2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a", normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3f2a91c07b4e")]                                                              // too short
    [InlineData("3f2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a0")]       // 65 digits
    [InlineData("3g2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a91c07b4e3f2a")]        // not hex
    public void Anything_but_64_hex_digits_is_not_a_fingerprint(string typed) =>
        Assert.False(Fingerprint.TryNormalize(typed, out _));
}
