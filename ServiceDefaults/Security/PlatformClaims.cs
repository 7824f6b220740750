namespace IpPlatform.Security;

/// <summary>
/// The claims of an IpPlatform access token (a JWT issued by the identity service, audience
/// <see cref="Audience"/>). Every service reads these names and no others.
/// </summary>
public static class PlatformClaims
{
    /// <summary>The audience every service accepts.</summary>
    public const string Audience = "ipplatform-api";
    /// <summary>The scope a person's or the CLI's token carries for the API.</summary>
    public const string ApiScope = "api";
    /// <summary>The scope that lets an agency's machine client read cases across the platform.</summary>
    public const string ReadScope = "ipplatform.read";

    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>The GB/T 2260 code an office or city-government account is bound to.</summary>
    public const string Office = "office";
    /// <summary>A provincial-office account's division(s), as the call's tracks name them (<c>divisionZh</c>); one claim each.</summary>
    public const string Division = "division";
    /// <summary>An applicant account's unified social credit code.</summary>
    public const string Organisation = "org";
    public const string Scope = "scope";
    public const string ClientId = "client_id";
}

/// <summary>The roles an account can hold; one per account.</summary>
public static class PlatformRoles
{
    /// <summary>The provincial administrator: accounts, calls, city figures, imports, credit entries, audit.</summary>
    public const string Admin = "admin";
    public const string CountyOffice = "county-office";
    public const string CityOffice = "city-office";
    /// <summary>A city government: opinions on protection-zone applications of its city.</summary>
    public const string CityGovernment = "city-government";
    /// <summary>The provincial office that decides, for its division's tracks.</summary>
    public const string Province = "province";
    public const string Expert = "expert";
    public const string Finance = "finance";
    /// <summary>A registered applicant organisation; acts on its own applications only.</summary>
    public const string Applicant = "applicant";
    /// <summary>Another agency's system (client credentials).</summary>
    public const string Agency = "agency";

    public static readonly IReadOnlyList<string> All =
        [Admin, CountyOffice, CityOffice, CityGovernment, Province, Expert, Finance, Applicant, Agency];

    /// <summary>Roles bound to a region code (<see cref="PlatformClaims.Office"/>).</summary>
    public static bool IsBoundToRegion(string role) => role is CountyOffice or CityOffice or CityGovernment;
}
