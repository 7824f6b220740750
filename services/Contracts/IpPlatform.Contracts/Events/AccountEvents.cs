namespace IpPlatform.Contracts.Events;

/// <summary>
/// The identity service registered an applicant or created a staff account. Carries what other services need
/// to address the account's holder (the delivery service's e-mail notifications); never a password.
/// </summary>
/// <param name="AccountId">The account's stable id (the token's <c>sub</c>).</param>
/// <param name="UserName">User name: a staff account's name, or an applicant's credit code.</param>
/// <param name="Role">One of the platform roles (see <c>Actor.Role</c>).</param>
/// <param name="OfficeCode">The GB/T 2260 code an office or city-government account is bound to; else null.</param>
/// <param name="Email">Where the holder receives e-mail; null when none was given.</param>
/// <param name="RegisteredAt">When.</param>
public sealed record AccountRegistered(
    string AccountId, string UserName, string Role, string? OfficeCode, string? Email, DateTimeOffset RegisteredAt);
