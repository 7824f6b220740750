using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Contracts.Events;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Clients;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace IpPlatform.Identity.Data;

/// <summary>
/// Runs after the migrations (<see cref="DatabaseMigrator{TContext}"/>): the web portal's client (always;
/// its redirect URIs follow the configuration), the command-line client where the password grant is allowed, the demo accounts and demo machine client where asked for, and the first
/// administrator where configured. Only adds what is missing, so a later start changes nothing (a
/// deactivated demo account stays deactivated).
/// </summary>
public sealed class IdentitySeeder(
    UserManager<Account> users, IOpenIddictApplicationManager applications, IdentitySettings settings, TimeProvider clock,
    ILogger<IdentitySeeder> logger) : IDatabaseSeeder<IdentityDbContext>
{
    public const string DemoClientId = "agency-demo";
    public const string DemoClientSecret = "agency-demo-secret";

    /// <summary>One account per role, with offices in 苏州 (昆山) and 无锡 (江阴) so that city boundaries can be tried.</summary>
    /// <remarks>Each has a mailbox at <c>demo.ipplatform.local</c>, so the development mail sink shows what each role is mailed.</remarks>
    public static readonly IReadOnlyList<StaffDetails> DemoAccounts = DemoMailboxes(
    [
        new("admin", "省知识产权局系统管理员", PlatformRoles.Admin, null, null),
        new("county-320583", "昆山市市场监督管理局（知识产权局）", PlatformRoles.CountyOffice, "320583", null),
        new("county-320281", "江阴市市场监督管理局（知识产权局）", PlatformRoles.CountyOffice, "320281", null),
        new("city-320500", "苏州市市场监督管理局（知识产权局）", PlatformRoles.CityOffice, "320500", null),
        new("city-320200", "无锡市市场监督管理局（知识产权局）", PlatformRoles.CityOffice, "320200", null),
        new("citygov-320500", "苏州市人民政府", PlatformRoles.CityGovernment, "320500", null),
        new("province", "省知识产权局", PlatformRoles.Province, null, ProvinceDivisions.All),
        new("province-protection", "省知识产权局知识产权保护处", PlatformRoles.Province, null, [ProvinceDivisions.Protection]),
        new("expert-1", "评审专家一", PlatformRoles.Expert, null, null),
        new("expert-2", "评审专家二", PlatformRoles.Expert, null, null),
        new("finance", "省知识产权局财务", PlatformRoles.Finance, null, null),
    ]);

    static IReadOnlyList<StaffDetails> DemoMailboxes(IReadOnlyList<StaffDetails> accounts) =>
        [.. accounts.Select(a => a with { Email = $"{a.UserName}@demo.ipplatform.local" })];

    public async Task SeedAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        await EnsurePortalAsync(cancellationToken);
        if (settings.AllowPasswordGrant || settings.SeedDemoAccounts)
            await EnsureClientAsync(PlatformClients.Cli(), cancellationToken);

        if (settings.InitialAdminPassword is { } adminPassword && !settings.SeedDemoAccounts
            && !await db.Users.AnyAsync(a => a.Role == PlatformRoles.Admin, cancellationToken))
            await CreateAsync(db, new StaffDetails("admin", "系统管理员", PlatformRoles.Admin, null, null), adminPassword);

        if (!settings.SeedDemoAccounts) return;
        foreach (var details in DemoAccounts)
            if (await users.FindByNameAsync(details.UserName!) is null)
                await CreateAsync(db, details, settings.DemoPassword);

        var demoClient = PlatformClients.Machine(DemoClientId, "示例机构（演示）", DemoClientSecret, new FieldErrors())!;
        await EnsureClientAsync(demoClient, cancellationToken);
    }

    async Task CreateAsync(IdentityDbContext db, StaffDetails details, string password)
    {
        var errors = new FieldErrors();
        var account = Account.Staff(details, clock.GetUtcNow().UtcDateTime, errors)
            ?? throw new InvalidOperationException($"Account {details.UserName} breaks the account rules: {string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value))}");
        // Announced like an account the administrator creates, so that delivery knows its mailbox; saved with it.
        db.AddEvent(new AccountRegistered(account.Id, account.UserName!, account.Role, account.OfficeCode, account.ContactEmail, clock.GetUtcNow()), clock);
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
            throw new InvalidOperationException($"Account {details.UserName} could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        logger.LogInformation("Account {UserName} ({Role}) created at start-up", account.UserName, account.Role);
    }

    /// <summary>
    /// The portal's client as configured now: created if missing, else its registration replaced when it
    /// differs (a new redirect URI after a move to another host), so that no stale URI keeps receiving codes.
    /// </summary>
    async Task EnsurePortalAsync(CancellationToken cancellationToken)
    {
        var wanted = PlatformClients.Portal(settings);
        var existing = await applications.FindByClientIdAsync(wanted.ClientId!, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(wanted, cancellationToken);
            logger.LogInformation("OAuth client {ClientId} created", wanted.ClientId);
            return;
        }

        var stored = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(stored, existing, cancellationToken);
        if (stored.RedirectUris.SetEquals(wanted.RedirectUris) && stored.PostLogoutRedirectUris.SetEquals(wanted.PostLogoutRedirectUris)
            && stored.Permissions.SetEquals(wanted.Permissions) && stored.Requirements.SetEquals(wanted.Requirements)
            && stored.ClientType == wanted.ClientType && stored.ConsentType == wanted.ConsentType)
            return;
        await applications.UpdateAsync(existing, wanted, cancellationToken);
        logger.LogInformation("OAuth client {ClientId} updated: redirect URIs {RedirectUris}", wanted.ClientId, string.Join(", ", wanted.RedirectUris));
    }

    async Task EnsureClientAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is not null) return;
        await applications.CreateAsync(descriptor, cancellationToken);
        logger.LogInformation("OAuth client {ClientId} created", descriptor.ClientId);
    }
}
