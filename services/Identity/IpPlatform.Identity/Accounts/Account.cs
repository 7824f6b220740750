using System.Net.Mail;
using System.Text.RegularExpressions;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Security;
using Microsoft.AspNetCore.Identity;

namespace IpPlatform.Identity.Accounts;

/// <summary>What an administrator gives for a staff account; validated by <see cref="Account.Staff"/>.</summary>
public sealed record StaffDetails(string? UserName, string? DisplayName, string? Role, string? OfficeCode, IReadOnlyList<string>? Divisions)
{
    /// <summary>Where the account's notifications are mailed; optional, a staff account may rely on its inbox alone.</summary>
    public string? Email { get; init; }
}

/// <summary>What an organisation gives when it registers; validated by <see cref="Account.Applicant"/>.</summary>
public sealed record ApplicantDetails(string? CreditCode, string? Name, string? Kind, string? RegionCode, ContactDetails? Contact);

public sealed record ContactDetails(string? Name, string? Mobile, string? Email);

/// <summary>
/// A person's or an organisation's account on the platform (an ASP.NET Core Identity user, which keeps the
/// password hash and the lockout counters). One role each; an office is bound to its jurisdiction's code,
/// a province account to its divisions, an applicant to its organisation. Made only through
/// <see cref="Staff"/> or <see cref="Applicant"/>, so a stored account always satisfies these rules.
/// </summary>
public sealed partial class Account : IdentityUser
{
    Account() { } // EF Core

    public string DisplayName { get; private set; } = "";
    /// <summary>One of <see cref="PlatformRoles"/>, never <see cref="PlatformRoles.Agency"/> (machine clients are not accounts).</summary>
    public string Role { get; private set; } = "";
    /// <summary>The GB/T 2260 code of an office's or a city government's jurisdiction.</summary>
    public string? OfficeCode { get; private set; }
    /// <summary>A province account's divisions (<see cref="ProvinceDivisions"/>); empty for every other role.</summary>
    public List<string> Divisions { get; private set; } = [];
    /// <summary>An applicant's unified social credit code, which is also its user name.</summary>
    public string? CreditCode { get; private set; }
    public ApplicantKind? ApplicantKind { get; private set; }
    /// <summary>Where an applicant organisation is (a city or county-level code of the table).</summary>
    public string? RegionCode { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactMobile { get; private set; }
    public string? ContactEmail { get; private set; }
    /// <summary>A deactivated account keeps its history but gets no new tokens.</summary>
    public bool IsActive { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>The roles an administrator gives: everyone but applicants (who register) and agencies (machine clients).</summary>
    public static readonly IReadOnlyList<string> StaffRoles =
        [.. PlatformRoles.All.Where(r => r is not (PlatformRoles.Applicant or PlatformRoles.Agency))];

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex StaffUserNamePattern();

    /// <summary>Mainland mobile numbers: 11 digits starting 13–19.</summary>
    [GeneratedRegex(@"^1[3-9]\d{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    /// <summary>A staff account, or null with the reasons in <paramref name="errors"/>.</summary>
    public static Account? Staff(StaffDetails details, DateTime nowUtc, FieldErrors errors)
    {
        var userName = details.UserName?.Trim();
        if (userName is null || !StaffUserNamePattern().IsMatch(userName))
            errors.Add("userName", "A user name of 3 to 64 lower-case letters, digits, '.', '_' or '-' is required, e.g. county-320583.");
        var displayName = RequiredText(details.DisplayName, "displayName", "The display name", 100, errors);

        var role = details.Role;
        if (role is null || !StaffRoles.Contains(role))
            errors.Add("role", $"One of {string.Join(", ", StaffRoles)} is required (applicants register themselves; agencies are machine clients).");
        else
        {
            CheckOffice(role, details.OfficeCode, errors);
            CheckDivisions(role, details.Divisions, errors);
        }
        var email = string.IsNullOrWhiteSpace(details.Email) ? null : details.Email.Trim();
        if (email is not null && !IsEmail(email))
            errors.Add("email", "An email address such as office@example.gov.cn, or none.");

        if (errors.Any) return null;
        return new Account
        {
            UserName = userName,
            DisplayName = displayName!,
            Role = role!,
            OfficeCode = PlatformRoles.IsBoundToRegion(role!) ? details.OfficeCode : null,
            Divisions = role == PlatformRoles.Province ? [.. details.Divisions!.Distinct()] : [],
            ContactEmail = email,
            IsActive = true,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
        };
    }

    /// <summary>A registering organisation's account (user name = credit code), or null with the reasons in <paramref name="errors"/>.</summary>
    public static Account? Applicant(ApplicantDetails details, DateTime nowUtc, FieldErrors errors)
    {
        var creditCode = details.CreditCode?.Trim();
        if (Documents.CreditCode.Check(creditCode) is { } creditCodeProblem)
            errors.Add("creditCode", creditCodeProblem);
        var name = RequiredText(details.Name, "name", "The organisation's name", 200, errors);

        ApplicantKind? kind = Enum.GetNames<ApplicantKind>().Contains(details.Kind) ? Enum.Parse<ApplicantKind>(details.Kind!) : null;
        if (kind is null)
            errors.Add("kind", $"One of {string.Join(", ", Enum.GetNames<ApplicantKind>())} is required.");

        var region = Regions.Find(details.RegionCode);
        if (region is null || region.Level == RegionLevel.Province)
            errors.Add("regionCode", "The 6-digit GB/T 2260 code of a city or county-level division of Jiangsu is required, e.g. 320583 (昆山市).");
        else if (kind == Contracts.Applications.ApplicantKind.CityGovernment && region.Level != RegionLevel.City)
            errors.Add("regionCode", $"A city government is located at a city code (e.g. 320500); {region.Code} {region.Name} is not a city.");
        else if (kind == Contracts.Applications.ApplicantKind.CountyGovernment && !Regions.IsCountyLevel(region.Code))
            errors.Add("regionCode", $"A county government is located at a county-level code (e.g. 320583); {region.Code} {region.Name} is not one.");

        var contact = details.Contact;
        if (contact is null)
            errors.Add("contact", "A contact person (name, mobile, email) is required.");
        else
        {
            RequiredText(contact.Name, "contact.name", "The contact's name", 100, errors);
            if (contact.Mobile is null || !MobilePattern().IsMatch(contact.Mobile))
                errors.Add("contact.mobile", "A mainland mobile number of 11 digits starting 13–19 is required, e.g. 13912345678.");
            if (!IsEmail(contact.Email))
                errors.Add("contact.email", "An email address such as ip@example.com is required.");
        }

        if (errors.Any) return null;
        return new Account
        {
            UserName = creditCode,
            DisplayName = name!,
            Role = PlatformRoles.Applicant,
            CreditCode = creditCode,
            ApplicantKind = kind,
            RegionCode = region!.Code,
            ContactName = contact!.Name!.Trim(),
            ContactMobile = contact.Mobile,
            ContactEmail = contact.Email!.Trim(),
            IsActive = true,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
        };
    }

    /// <summary>Stops new tokens at once; the account and its history stay.</summary>
    /// <param name="byUserName">The administrator acting, who may not lock themselves out.</param>
    public void Deactivate(string byUserName, DateTime nowUtc)
    {
        if (!IsActive)
            throw new BusinessRuleException("account-already-deactivated", $"The account '{UserName}' is already deactivated.");
        if (string.Equals(byUserName, UserName, StringComparison.OrdinalIgnoreCase))
            throw new BusinessRuleException("cannot-deactivate-self", "An administrator cannot deactivate their own account.");
        IsActive = false;
        UpdatedAtUtc = nowUtc;
    }

    public void Reactivate(DateTime nowUtc)
    {
        if (IsActive)
            throw new BusinessRuleException("account-already-active", $"The account '{UserName}' is active.");
        IsActive = true;
        UpdatedAtUtc = nowUtc;
    }

    static void CheckOffice(string role, string? officeCode, FieldErrors errors)
    {
        var region = Regions.Find(officeCode);
        var found = officeCode is null ? "none was given"
            : region is null ? $"'{officeCode}' is not in Jiangsu's region table"
            : $"{region.Code} is {region.Name}";
        switch (role)
        {
            case PlatformRoles.CountyOffice when !Regions.IsCountyLevel(officeCode):
                errors.Add("officeCode", $"A county office is bound to a county-level division or development zone of Jiangsu (e.g. 320583 昆山市); {found}.");
                break;
            case PlatformRoles.CityOffice or PlatformRoles.CityGovernment when !Regions.IsCity(officeCode):
                errors.Add("officeCode", $"A {role} account is bound to a city of Jiangsu (e.g. 320500 苏州市); {found}.");
                break;
            case var _ when !PlatformRoles.IsBoundToRegion(role) && !string.IsNullOrEmpty(officeCode):
                errors.Add("officeCode", $"Only county-office, city-office and city-government accounts are bound to a region; a {role} account is not.");
                break;
        }
    }

    static void CheckDivisions(string role, IReadOnlyList<string>? divisions, FieldErrors errors)
    {
        if (role != PlatformRoles.Province)
        {
            if (divisions is { Count: > 0 })
                errors.Add("divisions", $"Only province accounts belong to divisions; a {role} account does not.");
            return;
        }
        if (divisions is not { Count: > 0 })
            errors.Add("divisions", $"A province account belongs to one or more of: {string.Join("、", ProvinceDivisions.All)}.");
        else if (divisions.FirstOrDefault(d => !ProvinceDivisions.All.Contains(d)) is { } unknown)
            errors.Add("divisions", $"'{unknown}' is not a division that decides on a track; use {string.Join("、", ProvinceDivisions.All)}.");
    }

    static string? RequiredText(string? value, string field, string what, int maxLength, FieldErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) errors.Add(field, $"{what} is required.");
        else if (text.Length > maxLength) errors.Add(field, $"{what} has at most {maxLength} characters.");
        else return text;
        return null;
    }

    static bool IsEmail(string? value) =>
        value?.Trim() is { Length: > 0 and <= 200 } email
        && MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.');
}
