using IpPlatform.Printing;
using MiniExcelLibs;

namespace IpPlatform.Routing.Recommendations;

/// <summary>The summary table as the files a city delivers: an XLSX workbook and an A4 landscape PDF.</summary>
public static class SummaryTableExports
{
    /// <summary>The column headers, in Chinese as the notice's table has them.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["序号", "申报单位", "统一社会信用代码", "项目名称", "申请省级财政资金（元）", "县级推荐意见", "市级推荐意见"];

    /// <summary>Label of the totals rows.</summary>
    public const string TotalLabel = "合计";

    /// <summary>Name of the workbook's last sheet, with each track's totals and the grand totals.</summary>
    public const string TotalsSheet = "合计";

    /// <summary>
    /// One sheet per track (named after its programme), a header row in Chinese, the rows in the city's order and a
    /// totals row; a last sheet with each track's count and amount and the grand totals.
    /// </summary>
    public static byte[] Xlsx(SummaryTableDocument document)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var track in document.Tracks)
        {
            var rows = track.Rows.Select(r => Line(r.No, r.ApplicantName, r.CreditCode, r.ProjectName, r.ProvincialFundsCny, r.CountyOpinion, r.CityOpinion)).ToList();
            rows.Add(Line(null, $"{track.Count} 项", "", "", track.RequestedCny, "", "", TotalLabel));
            sheets[SheetName(track, sheets.Keys)] = rows;
        }
        var totals = document.Tracks.Select(t => Totals(t.ProgrammeZh, t.TrackId, t.Count, t.RequestedCny, t.Delivery?.Fingerprint ?? "")).ToList();
        totals.Add(Totals(TotalLabel, "", document.TotalCount, document.TotalRequestedCny, document.Fingerprint));
        sheets[TotalsSheet] = totals;

        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    static Dictionary<string, object?> Line(int? no, string applicant, string creditCode, string project, decimal? funds, string county, string city, string? label = null) => new()
    {
        [Headers[0]] = (object?)no ?? label, [Headers[1]] = applicant, [Headers[2]] = creditCode, [Headers[3]] = project,
        [Headers[4]] = funds, [Headers[5]] = county, [Headers[6]] = city,
    };

    static Dictionary<string, object?> Totals(string programme, string trackId, int count, decimal sum, string fingerprint) => new()
    {
        ["项目类别"] = programme, ["类别代码"] = trackId, ["推荐项目数"] = count, ["申请省级财政资金合计（元）"] = sum, ["指纹（SHA-256）"] = fingerprint,
    };

    // Excel refuses some characters and more than 31 in a sheet name, and two sheets of one name.
    static string SheetName(SummaryTableTrack track, IEnumerable<string> taken)
    {
        var name = new string(track.ProgrammeZh.Select(c => "[]:*?/\\".Contains(c) ? '_' : c).ToArray()).Trim();
        if (name.Length == 0 || name == TotalsSheet) name = track.TrackId;
        if (name.Length > 31) name = name[..31];
        return taken.Contains(name) ? track.TrackId[..Math.Min(31, track.TrackId.Length)] : name;
    }

    /// <summary>The print model of the table: a group per track with its totals row, the grand totals under the title.</summary>
    public static PrintedTableDocument Printed(SummaryTableDocument document, DateTimeOffset printedAt) => new()
    {
        Title = $"{document.CityName}申报汇总表",
        Lines =
        [
            document.CallTitleZh,
            $"设区市：{document.CityName}（{document.CityCode}）",
            $"合计：{document.TotalCount} 项，申请省级财政资金 {SummaryTables.Money(document.TotalRequestedCny)} 元",
        ],
        Groups = [.. document.Tracks.Select(t => new PrintedTableGroup(
            t.Delivery is null ? t.ProgrammeZh : $"{t.ProgrammeZh}（已报送 {t.Delivery.At:yyyy-MM-dd HH:mm} UTC）",
            new PrintedTable(Headers,
                [.. t.Rows.Select(r => (IReadOnlyList<string>)[r.No.ToString(), r.ApplicantName, r.CreditCode, r.ProjectName,
                    r.ProvincialFundsCny is { } f ? SummaryTables.Money(f) : "", r.CountyOpinion, r.CityOpinion])],
                [0.5, 2.2, 1.7, 2.4, 1.3, 2, 2]),
            [TotalLabel, $"{t.Count} 项", "", "", SummaryTables.Money(t.RequestedCny), "", ""]))],
        Fingerprint = document.Fingerprint,
        PrintedAt = printedAt,
    };

    /// <summary>The A4 landscape PDF of the table (IpPlatform.Printing).</summary>
    public static byte[] Pdf(SummaryTableDocument document, DateTimeOffset printedAt) => IpPlatform.Printing.Pdf.Table(Printed(document, printedAt));
}
