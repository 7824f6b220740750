namespace IpPlatform.Contracts.Applications;

// The public application contract (shared/spec/application-facts.md). Every member is optional because
// clients may send partial documents: an absent fact makes the rules that need it Unknown, never a crash.
// Names are a public contract: add members freely, never rename or remove one.

/// <summary>What an applicant declares for one track of one call.</summary>
public sealed record ApplicationDocument
{
    /// <summary>Id of the call applied to, e.g. <c>2022</c>.</summary>
    public string? CallId { get; init; }
    /// <summary>Track id within the call, e.g. <c>industrial-brand</c>; validated against the call.</summary>
    public string? Track { get; init; }
    /// <summary>The applying (lead) unit.</summary>
    public Applicant? Applicant { get; init; }
    /// <summary>Joint applicants of an <c>hvp-new</c> application.</summary>
    public IReadOnlyList<Partner>? Partners { get; init; }
    /// <summary>Declared facts the eligibility rules read.</summary>
    public ApplicationFacts? Facts { get; init; }
    /// <summary>The project: name, summary, implementation period.</summary>
    public ProjectContent? Project { get; init; }
    /// <summary>The plan for each task the call lists for the track (<c>ContentRules.Tasks</c>).</summary>
    public IReadOnlyList<TaskPlan>? Tasks { get; init; }
    /// <summary>The value committed for each performance target the call lists (<c>ContentRules.Targets</c>).</summary>
    public IReadOnlyList<TargetValue>? Targets { get; init; }
    /// <summary>The project budget.</summary>
    public Budget? Budget { get; init; }
    /// <summary>The unit's contact person for this application.</summary>
    public ContactPerson? Contact { get; init; }
}

/// <summary>The project an application proposes.</summary>
public sealed record ProjectContent
{
    /// <summary>Project name (项目名称).</summary>
    public string? Name { get; init; }
    /// <summary>Summary (项目简介).</summary>
    public string? Summary { get; init; }
    /// <summary>First day of implementation.</summary>
    public DateOnly? StartsOn { get; init; }
    /// <summary>Last day of implementation; the span matches the track's period.</summary>
    public DateOnly? EndsOn { get; init; }
}

/// <summary>The applicant's plan for one task of the track.</summary>
public sealed record TaskPlan
{
    /// <summary>The call's task id.</summary>
    public string? TaskId { get; init; }
    /// <summary>What the applicant will do.</summary>
    public string? Plan { get; init; }
}

/// <summary>The value committed for one performance target, in the target's unit.</summary>
public sealed record TargetValue
{
    /// <summary>The call's target id.</summary>
    public string? TargetId { get; init; }
    /// <summary>The number committed.</summary>
    public decimal? Value { get; init; }
}

/// <summary>The project budget, CNY: the total is the sum of the provincial funds requested, own funds and other funds.</summary>
public sealed record Budget
{
    /// <summary>Total project budget.</summary>
    public decimal? TotalCny { get; init; }
    /// <summary>Provincial funds requested (申请省级财政资金).</summary>
    public decimal? ProvincialFundsCny { get; init; }
    /// <summary>The unit's own funds (自筹资金).</summary>
    public decimal? OwnFundsCny { get; init; }
    /// <summary>Other funds (other government levels, partners).</summary>
    public decimal? OtherFundsCny { get; init; }
}

/// <summary>The person the offices call about the application.</summary>
public sealed record ContactPerson
{
    /// <summary>Name.</summary>
    public string? Name { get; init; }
    /// <summary>Mainland mobile number, 11 digits starting with 1.</summary>
    public string? Mobile { get; init; }
    /// <summary>E-mail address.</summary>
    public string? Email { get; init; }
}

/// <summary>The applying unit.</summary>
public sealed record Applicant
{
    /// <summary>Registered name of the unit.</summary>
    public string? Name { get; init; }
    /// <summary>Unified social credit code (GB 32100-2015), 18 characters.</summary>
    public string? CreditCode { get; init; }
    /// <summary>Kind of unit.</summary>
    public ApplicantKind? Kind { get; init; }
    /// <summary>Lowest administrative division the unit belongs to (6-digit GB/T 2260 code).</summary>
    public string? RegionCode { get; init; }
    /// <summary>Park name, for a park committee.</summary>
    public string? ParkName { get; init; }
    /// <summary>A provincial or ministerial university or institute (routed straight to the city office).</summary>
    public bool? ProvincialOrMinisterial { get; init; }
    /// <summary>School (学院) of a university lead of <c>hvp-new</c>.</summary>
    public string? School { get; init; }
    /// <summary>Discipline field of a university lead of <c>hvp-new</c>.</summary>
    public string? DisciplineField { get; init; }
}

/// <summary>Kinds of applying unit.</summary>
public enum ApplicantKind
{
    /// <summary>Prefecture-level city government (设区市人民政府).</summary>
    CityGovernment,
    /// <summary>County, county-level city or district government (县（市、区）人民政府).</summary>
    CountyGovernment,
    /// <summary>Park administrative committee (园区管委会).</summary>
    ParkCommittee,
    /// <summary>Enterprise with independent legal personality.</summary>
    Enterprise,
    /// <summary>University (高校).</summary>
    University,
    /// <summary>Research institute (科研院所).</summary>
    ResearchInstitute,
    /// <summary>A national or provincial key laboratory applying in its own right.</summary>
    KeyLaboratory,
    /// <summary>New R&amp;D institution (新型研发机构).</summary>
    NewRdInstitution,
}

/// <summary>A joint applicant of a high-value-patent application.</summary>
public sealed record Partner
{
    /// <summary>Registered name.</summary>
    public string? Name { get; init; }
    /// <summary>Unified social credit code.</summary>
    public string? CreditCode { get; init; }
    /// <summary>Role in the joint application.</summary>
    public PartnerRole? Role { get; init; }
}

/// <summary>Roles of a partner (notice annex 3: 产业链上下游企业、产学研合作单位、知识产权服务机构).</summary>
public enum PartnerRole
{
    /// <summary>Industry–university–research cooperation unit.</summary>
    Research,
    /// <summary>Upstream enterprise of the industrial chain.</summary>
    Upstream,
    /// <summary>Downstream enterprise of the industrial chain.</summary>
    Downstream,
    /// <summary>IP service firm.</summary>
    IpService,
}

/// <summary>Declared facts. Booleans are tri-state: null means "not declared".</summary>
public sealed record ApplicationFacts
{
    /// <summary>Recognised as a 2020 effective / incentive region (真抓实干成效明显地区).</summary>
    public bool? EffectiveRegion2020 { get; init; }
    /// <summary>A national IP demonstration city.</summary>
    public bool? NationalIpDemonstrationCity { get; init; }
    /// <summary>Has a national-level IP protection centre.</summary>
    public bool? NationalProtectionCenter { get; init; }
    /// <summary>Rated excellent in the 2021 provincial inspection of IP protection.</summary>
    public bool? Inspection2021Excellent { get; init; }
    /// <summary>A national strong-county-programme demonstration county.</summary>
    public bool? NationalStrongCountyDemonstration { get; init; }
    /// <summary>2020 rank of invention patents per 10,000 people among counties (or among parks); 1 is best.</summary>
    public int? InventionPerTenThousandRank2020 { get; init; }
    /// <summary>National rapid rights-protection centre built or applied for.</summary>
    public bool? RapidProtectionCenter { get; init; }
    /// <summary>Type of the park, for a park committee.</summary>
    public ParkType? ParkType { get; init; }
    /// <summary>Park has an independent IP authority managing patents, trademarks and GIs together.</summary>
    public bool? IndependentIpAuthority { get; init; }
    /// <summary>Park selected as a national IP pilot or demonstration park.</summary>
    public bool? NationalIpPilotPark { get; init; }
    /// <summary>Park designated by province or city as the location of a key industrial chain.</summary>
    public bool? KeyChainDesignated { get; init; }
    /// <summary>Industry development plan issued for the chain.</summary>
    public bool? IndustryPlanIssued { get; init; }
    /// <summary>Number of enterprises of the chain located in the park.</summary>
    public int? ChainEnterpriseCount { get; init; }
    /// <summary>Chain-leader, single-champion or advantage enterprises located in the park.</summary>
    public bool? LeadingEnterprisesPresent { get; init; }
    /// <summary>Park has an IP management body.</summary>
    public bool? IpManagementBody { get; init; }
    /// <summary>IP funds are in the park budget.</summary>
    public bool? IpFundsInBudget { get; init; }
    /// <summary>Patent output among the province's leaders.</summary>
    public bool? PatentOutputLeading { get; init; }
    /// <summary>Industrial chain targeted by an industry-center application, e.g. <c>integrated-circuits</c>.</summary>
    public string? TargetChain { get; init; }

    /// <summary>The designated geographical indication (gi-brand).</summary>
    public GiFacts? Gi { get; init; }
    /// <summary>The government commits funds, staff and material to the GI project.</summary>
    public bool? GovernmentSupportCommitted { get; init; }

    /// <summary>In a strategic emerging industry, advanced manufacturing cluster or key industrial chain.</summary>
    public bool? InKeyIndustry { get; init; }
    /// <summary>Chain-leader (链主) or leading/backbone enterprise.</summary>
    public bool? ChainLeaderOrLeading { get; init; }
    /// <summary>National manufacturing single champion.</summary>
    public bool? NationalSingleChampion { get; init; }
    /// <summary>National specialised-and-new "little giant".</summary>
    public bool? LittleGiant { get; init; }
    /// <summary>Implements the enterprise IP management standard.</summary>
    public bool? IpStandardImplemented { get; init; }
    /// <summary>Has an independent IP department.</summary>
    public bool? IndependentIpDepartment { get; init; }
    /// <summary>Full- and part-time IP management staff.</summary>
    public int? IpStaff { get; init; }
    /// <summary>Staff working full time on patent conversion.</summary>
    public int? FullTimeConversionStaff { get; init; }
    /// <summary>Own-brand products among the national market-share leaders.</summary>
    public bool? NationalMarketLeader { get; init; }
    /// <summary>R&amp;D internationally leading in the field.</summary>
    public bool? InternationallyLeading { get; init; }
    /// <summary>Undertaking a national/provincial major S&amp;T project or key core-technology R&amp;D with results.</summary>
    public bool? MajorProjectUnderway { get; init; }
    /// <summary>Owns a national or provincial key lab, engineering lab or engineering research centre.</summary>
    public bool? KeyPlatform { get; init; }
    /// <summary>Has an industry–university–research cooperation mechanism.</summary>
    public bool? CooperationMechanism { get; init; }
    /// <summary>Has stable R&amp;D funding.</summary>
    public bool? StableRdFunding { get; init; }
    /// <summary>Registered trademarks owned.</summary>
    public IReadOnlyList<Trademark>? Trademarks { get; init; }
    /// <summary>Has well-known trademark protection.</summary>
    public bool? WellKnownTrademark { get; init; }
    /// <summary>Has a trademark registered abroad.</summary>
    public bool? OverseasTrademark { get; init; }
    /// <summary>National IP demonstration or advantage enterprise.</summary>
    public bool? IpDemonstrationOrAdvantageEnterprise { get; init; }
    /// <summary>Valid patents (of all types) owned, excluding subsidiaries'.</summary>
    public int? ValidPatents { get; init; }
    /// <summary>Valid invention patents owned, excluding subsidiaries'.</summary>
    public int? ValidInventionPatents { get; init; }
    /// <summary>PCT applications that have entered a national phase.</summary>
    public int? PctNationalPhase { get; init; }
    /// <summary>Awards received within 3 years of the reference date.</summary>
    public IReadOnlyList<Award>? AwardsWithin3Years { get; init; }
    /// <summary>Declared year in which a provincial high-value-patent project led by the unit passed acceptance.</summary>
    public int? PreviousHvpAcceptedYear { get; init; }
    /// <summary>Has serious dishonesty on record.</summary>
    public bool? SeriousDishonesty { get; init; }
    /// <summary>Has abnormal patent applications notified by CNIPA.</summary>
    public bool? AbnormalPatentApplications { get; init; }
    /// <summary>Has serious academic misconduct on record.</summary>
    public bool? AcademicMisconduct { get; init; }

    /// <summary>Yearly figures, any order, at most one entry per year.</summary>
    public IReadOnlyList<YearFigures>? Years { get; init; }
}

/// <summary>Park types; all values except <see cref="Other"/> are national-level.</summary>
public enum ParkType
{
    /// <summary>National new area (国家级新区).</summary>
    NationalNewArea,
    /// <summary>National high-tech industrial development zone.</summary>
    HighTechZone,
    /// <summary>National economic-technological development zone.</summary>
    EconomicDevelopmentZone,
    /// <summary>Any other park.</summary>
    Other,
}

/// <summary>The geographical indication designated by a gi-brand application.</summary>
public sealed record GiFacts
{
    /// <summary>Name of the GI, e.g. 阳澄湖大闸蟹.</summary>
    public string? Name { get; init; }
    /// <summary>How the GI is protected.</summary>
    public GiRegistrationType? RegistrationType { get; init; }
    /// <summary>Date of approval as GI product or of registration as a mark.</summary>
    public DateOnly? RegisteredOn { get; init; }
    /// <summary>Product category, which sets the sales threshold.</summary>
    public GiCategory? Category { get; init; }
    /// <summary>Sales of the GI product in the call's last year, CNY.</summary>
    public decimal? LastYearSalesCny { get; init; }
    /// <summary>A national GI promotion key-contact project.</summary>
    public bool? NationalPromotionKeyProject { get; init; }
    /// <summary>A national GI product protection demonstration zone.</summary>
    public bool? NationalProtectionDemonstrationZone { get; init; }
    /// <summary>A major quality, safety, health or environmental accident happened within 3 years.</summary>
    public bool? MajorIncidentsWithin3Years { get; init; }
}

/// <summary>How a geographical indication is protected.</summary>
public enum GiRegistrationType
{
    /// <summary>Protected as a GI product (地理标志产品).</summary>
    GiProduct,
    /// <summary>Registered as a collective mark.</summary>
    CollectiveMark,
    /// <summary>Registered as a certification mark.</summary>
    CertificationMark,
}

/// <summary>GI product category.</summary>
public enum GiCategory
{
    /// <summary>Handicraft (手工艺品类).</summary>
    Handicraft,
    /// <summary>Any other category.</summary>
    Other,
}

/// <summary>A registered trademark owned by the applicant.</summary>
public sealed record Trademark
{
    /// <summary>Registration number.</summary>
    public string? RegistrationNo { get; init; }
    /// <summary>End of the registration's validity.</summary>
    public DateOnly? ValidUntil { get; init; }
    /// <summary>Start of continuous use.</summary>
    public DateOnly? InUseSince { get; init; }
}

/// <summary>Awards that halve the hvp-new patent thresholds.</summary>
public enum Award
{
    /// <summary>National science and technology award.</summary>
    NationalScienceTechAward,
    /// <summary>Provincial science and technology award.</summary>
    ProvincialScienceTechAward,
    /// <summary>China Patent Award.</summary>
    ChinaPatentAward,
    /// <summary>Provincial inventor award.</summary>
    ProvincialInventorAward,
    /// <summary>Provincial patent project award.</summary>
    ProvincialPatentProjectAward,
}

/// <summary>Figures of one calendar year. Money in CNY.</summary>
public sealed record YearFigures
{
    /// <summary>Calendar year.</summary>
    public int? Year { get; init; }
    /// <summary>Sales revenue.</summary>
    public decimal? SalesCny { get; init; }
    /// <summary>R&amp;D spending.</summary>
    public decimal? RdCny { get; init; }
    /// <summary>IP spending.</summary>
    public decimal? IpCostCny { get; init; }
    /// <summary>Profit plus tax (利税总额).</summary>
    public decimal? ProfitTaxCny { get; init; }
    /// <summary>Patents granted.</summary>
    public int? PatentGrants { get; init; }
    /// <summary>Invention patents granted.</summary>
    public int? InventionGrants { get; init; }
    /// <summary>Patents converted by transfer, licence or equity.</summary>
    public int? PatentsConverted { get; init; }
    /// <summary>Amount of those conversions.</summary>
    public decimal? ConversionAmountCny { get; init; }
}
