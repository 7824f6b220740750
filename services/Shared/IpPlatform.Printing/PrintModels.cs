namespace IpPlatform.Printing;

/// <summary>
/// A form to print on A4 portrait: a cover, then sections. Pure data: the service that owns the record builds
/// it, so the printing library knows nothing of applications or calls.
/// </summary>
public sealed record PrintedForm
{
    /// <summary>Title on the cover, e.g. 2022年度省知识产权战略推进计划项目申报书.</summary>
    public required string Title { get; init; }
    /// <summary>Line under the title, e.g. the track's programme name.</summary>
    public string? Subtitle { get; init; }
    /// <summary>Label–value lines of the cover (申报单位, 项目名称, 申请省级资金…).</summary>
    public IReadOnlyList<PrintedField> Cover { get; init; } = [];
    /// <summary>The sections after the cover, in order.</summary>
    public IReadOnlyList<PrintedSection> Sections { get; init; } = [];
    /// <summary>SHA-256 hex fingerprint of the record; printed grouped on the cover and short in every footer.</summary>
    public required string Fingerprint { get; init; }
    /// <summary>URL the QR code on the cover holds.</summary>
    public required string VerificationUrl { get; init; }
    /// <summary>Fixed creation date written into the PDF's metadata, so that the same record prints the same file.</summary>
    public required DateTimeOffset PrintedAt { get; init; }
}

/// <summary>A label and its value.</summary>
public sealed record PrintedField(string Label, string Value);

/// <summary>A headed section of a form: paragraphs, label–value lines and tables, in order.</summary>
public sealed record PrintedSection(string Heading, IReadOnlyList<PrintedBlock> Blocks);

/// <summary>A block of a section.</summary>
public abstract record PrintedBlock;

/// <summary>Running text, wrapped to the page width (CJK text wraps between any two characters).</summary>
public sealed record PrintedParagraph(string Text) : PrintedBlock;

/// <summary>Label–value lines.</summary>
public sealed record PrintedFields(IReadOnlyList<PrintedField> Fields) : PrintedBlock;

/// <summary>A table with a header row; cells wrap, rows break across pages with the header repeated.</summary>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Rows of cells, each as many as <paramref name="Headers"/>.</param>
/// <param name="RelativeWidths">Relative column widths; null for equal columns.</param>
public sealed record PrintedTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<double>? RelativeWidths = null) : PrintedBlock;

/// <summary>
/// A landscape A4 table document, e.g. the city's summary table (申报汇总表): a title, lines under it, then
/// groups (one per track) each with its table and a totals row.
/// </summary>
public sealed record PrintedTableDocument
{
    /// <summary>Title, e.g. 苏州市2022年度省知识产权战略推进计划项目申报汇总表.</summary>
    public required string Title { get; init; }
    /// <summary>Lines under the title (city, call, generated when).</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];
    /// <summary>The groups in order.</summary>
    public required IReadOnlyList<PrintedTableGroup> Groups { get; init; }
    /// <summary>SHA-256 hex fingerprint of the table's content, printed in every footer.</summary>
    public required string Fingerprint { get; init; }
    /// <summary>Fixed creation date written into the PDF's metadata.</summary>
    public required DateTimeOffset PrintedAt { get; init; }
}

/// <summary>A heading and its table, with an optional totals row printed in bold.</summary>
public sealed record PrintedTableGroup(string Heading, PrintedTable Table, IReadOnlyList<string>? Totals = null);
