namespace IpPlatform.Contracts.Actors;

/// <summary>
/// Who acted: the account that made a state change, as the identity service issued it. Integration events
/// carry it in <c>By</c> (null on events no person or agency caused, e.g. an automatic assessment).
/// </summary>
/// <param name="AccountId">The account's stable id (the token's <c>sub</c>).</param>
/// <param name="Name">The account's user name, e.g. <c>county-320583</c>, or an applicant's credit code.</param>
/// <param name="Role">One of the platform roles: admin, county-office, city-office, city-government, province,
/// expert, finance, applicant, agency.</param>
/// <param name="OfficeCode">The GB/T 2260 code an office or city government account is bound to; else null.</param>
public sealed record Actor(string AccountId, string Name, string Role, string? OfficeCode);
