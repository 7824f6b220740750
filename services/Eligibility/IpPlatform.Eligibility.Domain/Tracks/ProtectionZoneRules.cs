using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Domain.Rules;

namespace IpPlatform.Eligibility.Domain.Tracks;

/// <summary>protection-zone (知识产权保护示范区创建): conditions by kind of government or park, and the hierarchy rule.</summary>
internal static class ProtectionZoneRules
{
    public static readonly string[] Parameters = [ParameterNames.InventionRankTopMax];

    public static void Evaluate(RuleContext ctx)
    {
        if (!ctx.KindAdmitted) return;
        var f = ctx.Facts;
        switch (ctx.Kind)
        {
            case ApplicantKind.CityGovernment:
                ctx.Add("PZ-CITY-RECOGNITION", "2020 年度真抓实干成效明显地区或国家知识产权示范城市",
                    "2020 effective region or national IP demonstration city",
                    Check.Any(Check.Flag("facts.effectiveRegion2020", f.EffectiveRegion2020),
                        Check.Flag("facts.nationalIpDemonstrationCity", f.NationalIpDemonstrationCity)));
                ctx.Add("PZ-CITY-PROTECTION-CENTER", "已建设国家级知识产权保护中心", "has a national-level IP protection centre",
                    Check.Flag("facts.nationalProtectionCenter", f.NationalProtectionCenter));
                ctx.Add("PZ-CITY-INSPECTION", "2021 年知识产权保护工作检查优秀", "rated excellent in the 2021 provincial inspection",
                    Check.Flag("facts.inspection2021Excellent", f.Inspection2021Excellent));
                break;
            case ApplicantKind.CountyGovernment:
                ctx.Add("PZ-COUNTY-STATUS", "国家知识产权示范城市或国家强县工程示范县", "national IP demonstration city or strong-county demonstration county",
                    Check.Any(Check.Flag("facts.nationalIpDemonstrationCity", f.NationalIpDemonstrationCity),
                        Check.Flag("facts.nationalStrongCountyDemonstration", f.NationalStrongCountyDemonstration)));
                ctx.Add("PZ-COUNTY-ANY-OF", "成效明显地区、万人发明专利拥有量前列或快速维权中心（之一）",
                    "one of: 2020 effective region, top-ranked invention density, rapid protection centre",
                    Check.Any(Check.Flag("facts.effectiveRegion2020", f.EffectiveRegion2020), Rank(ctx, "县（市、区）", "counties"),
                        Check.Flag("facts.rapidProtectionCenter", f.RapidProtectionCenter)));
                ctx.Add("PZ-HIERARCHY", "所属设区市未承担本项目", "the city it belongs to does not undertake this programme", Hierarchy(ctx));
                break;
            case ApplicantKind.ParkCommittee:
                ctx.Add("PZ-PARK-NATIONAL", "国家级高新区或经济技术开发区", "national high-tech zone or ETDZ",
                    f.ParkType is null ? Check.Missing("facts.parkType")
                    : f.ParkType is ParkType.HighTechZone or ParkType.EconomicDevelopmentZone
                        ? Check.Pass($"facts.parkType = {f.ParkType}", $"facts.parkType = {f.ParkType}")
                        : Check.Fail($"facts.parkType = {f.ParkType}", $"facts.parkType = {f.ParkType}"));
                ctx.Add("PZ-PARK-IP-AUTHORITY", "独立知识产权管理机构统一管理专利、商标、地理标志",
                    "independent IP authority managing patents, trademarks and GIs",
                    Check.Flag("facts.independentIpAuthority", f.IndependentIpAuthority));
                ctx.Add("PZ-PARK-RANK", "2020 年万人发明专利拥有量位居全省园区前列", "2020 invention density among the top parks",
                    Rank(ctx, "园区", "parks"));
                ctx.Add("PZ-PARK-PILOT", "国家知识产权试点示范园区", "national IP pilot or demonstration park",
                    Check.Flag("facts.nationalIpPilotPark", f.NationalIpPilotPark));
                ctx.Add("PZ-HIERARCHY", "所属设区市、县（市、区）未承担本项目", "neither its city nor its county undertakes this programme",
                    Hierarchy(ctx));
                break;
        }
    }

    private static Check Rank(RuleContext ctx, string zhAmong, string enAmong) => Check.Compare(
        $"2020 年万人发明专利拥有量全省{zhAmong}排名", $"2020 invention patents per 10,000 people, rank among {enAmong}",
        ctx.Facts.InventionPerTenThousandRank2020, Bound.WithinTop, ctx.P(ParameterNames.InventionRankTopMax), Unit.Count,
        "facts.inventionPerTenThousandRank2020");

    // History: a county or park inside a city that undertakes the programme, or a park inside such a county,
    // may not apply. [interp] "已承担" counts a project of any status.
    private static Check Hierarchy(RuleContext ctx)
    {
        var region = ctx.Applicant.RegionCode;
        if (!RuleContext.IsRegionCode(region)) return Check.Missing("applicant.regionCode");
        var city = Regions.CityOf(region);
        var parents = ctx.History.Projects.Where(p => p.TrackId == TrackIds.ProtectionZone && p.RegionCode is not null &&
            ((p.Kind == ApplicantKind.CityGovernment && p.RegionCode == city) ||
             (ctx.Kind == ApplicantKind.ParkCommittee && p.Kind == ApplicantKind.CountyGovernment &&
              !Regions.IsCity(region) && p.RegionCode == region)))
            .Select(p => $"{p.UnitName ?? p.CreditCode} ({p.RegionCode}, {p.CallYear})").ToList();
        return parents.Count == 0
            ? Check.Pass($"上级地区（{city}{(Regions.IsCity(region) ? "" : "、" + region)}）无本项目记录",
                $"no project of this programme for the enclosing region ({city}{(Regions.IsCity(region) ? "" : ", " + region)})")
            : Check.Fail("上级地区已承担本项目：" + string.Join("，", parents),
                "an enclosing region already undertakes this programme: " + string.Join(", ", parents));
    }
}
