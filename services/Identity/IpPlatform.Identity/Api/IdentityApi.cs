using System.Security.Claims;
using IpPlatform.Documents;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Clients;
using IpPlatform.Identity.Data;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Api;

/// <summary>Names of the authorization policies of this service's API.</summary>
public static class IdentityPolicies
{
    /// <summary>Any valid token of this issuer: a person or a machine client.</summary>
    public const string SignedIn = "signed-in";
    public const string Admin = "admin";
}

public static class IdentityApi
{
    const string ProblemBase = "https://ipplatform.jiangsu.example/problems/";

    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/identity").WithTags("Identity");
        api.MapPost("/applicants", RegisterApplicant).AllowAnonymous()
            .WithSummary("An applicant organisation registers; its user name is its unified social credit code");
        api.MapGet("/regions", ListRegions).AllowAnonymous()
            .WithSummary("Jiangsu's divisions (GB/T 2260) that offices and applicants are bound to");
        api.MapGet("/me", Me).RequireAuthorization(IdentityPolicies.SignedIn)
            .WithSummary("The signed-in account");

        var admin = api.MapGroup("").RequireAuthorization(IdentityPolicies.Admin);
        admin.MapPost("/accounts", CreateStaffAccount).WithSummary("The administrator creates a staff account");
        admin.MapGet("/accounts", ListAccounts).WithSummary("Accounts, optionally of one role");
        admin.MapGet("/accounts/{userName}", GetAccount).WithSummary("One account");
        admin.MapPost("/accounts/{userName}/deactivate", Deactivate).WithSummary("Stops the account getting new tokens, at once");
        admin.MapPost("/accounts/{userName}/reactivate", Reactivate).WithSummary("Lets a deactivated account sign in again");
        admin.MapPost("/clients", CreateMachineClient).WithSummary("A machine client for another agency; its secret is returned once");
        admin.MapGet("/clients", ListClients).WithSummary("The OAuth clients");
        return app;
    }

    static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> RegisterApplicant(
        ApplicantRegistration request, UserManager<Account> users, IdentityDbContext db, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var account = Account.Applicant(
            new ApplicantDetails(request.CreditCode, request.Name, request.Kind, request.RegionCode,
                request.Contact is null ? null : new ContactDetails(request.Contact.Name, request.Contact.Mobile, request.Contact.Email)),
            clock.GetUtcNow().UtcDateTime, errors);
        await CheckPasswordAsync(users, request.Password, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The registration is invalid");

        if (await users.FindByNameAsync(account!.UserName!) is not null)
            return AlreadyExists("already-registered", $"The credit code {account.UserName} is already registered.");
        // The unit registers itself: it is the actor of its own registration.
        db.Audit(new Actor(account.Id, account.UserName!, account.Role, null), "account.registered", account.UserName!,
            new { account.DisplayName, account.ApplicantKind, account.RegionCode }, clock);
        db.AddEvent(Registered(account, clock), clock);
        return await CreateAsync(users, account, request.Password!, clock);
    }

    static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> CreateStaffAccount(
        StaffAccountRequest request, ClaimsPrincipal user, UserManager<Account> users, IdentityDbContext db, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var account = Account.Staff(
            new StaffDetails(request.UserName, request.DisplayName, request.Role, request.OfficeCode, request.Divisions) { Email = request.Email },
            clock.GetUtcNow().UtcDateTime, errors);
        await CheckPasswordAsync(users, request.Password, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The account is invalid");

        if (await users.FindByNameAsync(account!.UserName!) is not null)
            return AlreadyExists("account-exists", $"The user name {account.UserName} is taken.");
        db.Audit(user.ToActor(), "account.created", account.UserName!, new { account.Role, account.OfficeCode, account.Divisions }, clock);
        db.AddEvent(Registered(account, clock), clock);
        return await CreateAsync(users, account, request.Password!, clock);
    }

    /// <remarks>Staged on the context, so it is saved (outbox) with the account by the user manager, or not at all.</remarks>
    static AccountRegistered Registered(Account account, TimeProvider clock) =>
        new(account.Id, account.UserName!, account.Role, account.OfficeCode, account.ContactEmail, clock.GetUtcNow());

    static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Me(ClaimsPrincipal user, UserManager<Account> users, TimeProvider clock)
    {
        var subject = user.FindFirstValue(PlatformClaims.Subject);
        var account = subject is null ? null : await users.FindByIdAsync(subject);
        return account is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No account",
                detail: "The token's subject is not an account (a machine client has none).", type: ProblemBase + "no-account")
            : TypedResults.Ok(AccountView.From(account, clock.GetUtcNow()));
    }

    static async Task<Results<Ok<List<AccountView>>, ValidationProblem>> ListAccounts(
        string? role, UserManager<Account> users, TimeProvider clock, CancellationToken ct)
    {
        var query = users.Users.AsNoTracking();
        if (role is not null)
        {
            if (!PlatformRoles.All.Contains(role))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"One of {string.Join(", ", PlatformRoles.All)}."] });
            query = query.Where(a => a.Role == role);
        }
        var accounts = await query.OrderBy(a => a.UserName).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(accounts.Select(a => AccountView.From(a, now)).ToList());
    }

    static async Task<Results<Ok<AccountView>, NotFound>> GetAccount(string userName, UserManager<Account> users, TimeProvider clock)
    {
        var account = await users.FindByNameAsync(userName);
        return account is null ? TypedResults.NotFound() : TypedResults.Ok(AccountView.From(account, clock.GetUtcNow()));
    }

    static async Task<Results<Ok<AccountView>, NotFound>> Deactivate(
        string userName, ClaimsPrincipal user, UserManager<Account> users, IdentityDbContext db, TimeProvider clock)
    {
        var account = await users.FindByNameAsync(userName);
        if (account is null) return TypedResults.NotFound();
        account.Deactivate(user.FindFirstValue(PlatformClaims.Name) ?? "", clock.GetUtcNow().UtcDateTime);
        db.Audit(user.ToActor(), "account.deactivated", account.UserName!, null, clock);
        await SaveAsync(users, account);
        return TypedResults.Ok(AccountView.From(account, clock.GetUtcNow()));
    }

    static async Task<Results<Ok<AccountView>, NotFound>> Reactivate(
        string userName, ClaimsPrincipal user, UserManager<Account> users, IdentityDbContext db, TimeProvider clock)
    {
        var account = await users.FindByNameAsync(userName);
        if (account is null) return TypedResults.NotFound();
        account.Reactivate(clock.GetUtcNow().UtcDateTime);
        db.Audit(user.ToActor(), "account.reactivated", account.UserName!, null, clock);
        await SaveAsync(users, account);
        return TypedResults.Ok(AccountView.From(account, clock.GetUtcNow()));
    }

    static async Task<Results<Created<CreatedClientView>, ValidationProblem, ProblemHttpResult>> CreateMachineClient(
        MachineClientRequest request, ClaimsPrincipal user, IOpenIddictApplicationManager applications, IdentityDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var secret = PlatformClients.NewSecret();
        var descriptor = PlatformClients.Machine(request.ClientId, request.DisplayName, secret, errors);
        if (descriptor is null) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The client is invalid");
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, ct) is not null)
            return AlreadyExists("client-exists", $"The client id {descriptor.ClientId} is taken.");

        db.Audit(user.ToActor(), "client.created", descriptor.ClientId!, new { descriptor.DisplayName, scopes = new[] { PlatformClaims.ReadScope } }, clock);
        await applications.CreateAsync(descriptor, ct);
        return TypedResults.Created("/api/identity/clients",
            new CreatedClientView(descriptor.ClientId!, descriptor.DisplayName!, secret, [PlatformClaims.ReadScope]));
    }

    static async Task<Ok<List<ClientView>>> ListClients(IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var clients = new List<ClientView>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            var permissions = await applications.GetPermissionsAsync(application, ct);
            clients.Add(new ClientView(
                (await applications.GetClientIdAsync(application, ct))!,
                await applications.GetDisplayNameAsync(application, ct),
                await applications.GetClientTypeAsync(application, ct),
                [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType)).Select(p => p[Permissions.Prefixes.GrantType.Length..])],
                [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope)).Select(p => p[Permissions.Prefixes.Scope.Length..])]));
        }
        return TypedResults.Ok(clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList());
    }

    static Ok<List<RegionView>> ListRegions() =>
        TypedResults.Ok(Regions.All.OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new RegionView(r.Code, r.Name, r.Level, r.CityCode)).ToList());

    /// <summary>Identity's own password rules (length, character classes), each failure explained.</summary>
    static async Task CheckPasswordAsync(UserManager<Account> users, string? password, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", $"A password of at least {users.Options.Password.RequiredLength} characters with upper- and lower-case letters, a digit and a symbol is required.");
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            // Identity's validators judge the password alone; the account does not exist yet.
            var result = await validator.ValidateAsync(users, null!, password);
            foreach (var error in result.Errors) errors.Add("password", error.Description);
        }
    }

    static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        UserManager<Account> users, Account account, string password, TimeProvider clock)
    {
        var result = await users.CreateAsync(account, password);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
            return AlreadyExists("account-exists", $"The user name {account.UserName} is taken.");
        if (!result.Succeeded)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [result.Errors.Any(e => e.Code.StartsWith("Password")) ? "password" : "userName"] = [.. result.Errors.Select(e => e.Description)],
            });
        return TypedResults.Created($"/api/identity/accounts/{Uri.EscapeDataString(account.UserName!)}", AccountView.From(account, clock.GetUtcNow()));
    }

    static async Task SaveAsync(UserManager<Account> users, Account account)
    {
        var result = await users.UpdateAsync(account);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException(result.Errors.First().Description); // answered 409
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    static ProblemHttpResult AlreadyExists(string code, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "Already exists", detail: detail, type: ProblemBase + code,
        extensions: new Dictionary<string, object?> { ["code"] = code });
}

public sealed record ApplicantRegistration(string? CreditCode, string? Name, string? Kind, string? RegionCode, ContactRequest? Contact, string? Password);
public sealed record ContactRequest(string? Name, string? Mobile, string? Email);
public sealed record StaffAccountRequest(string? UserName, string? DisplayName, string? Role, string? OfficeCode, List<string>? Divisions, string? Password, string? Email = null);
public sealed record MachineClientRequest(string? ClientId, string? DisplayName);

/// <summary>An account as it shows to itself and to the administrator; never its password hash.</summary>
public sealed record AccountView(
    string UserName, string DisplayName, string Role, string? Office, IReadOnlyList<string> Divisions, string? Org,
    string? ApplicantKind, string? RegionCode, ContactView? Contact, bool Active, DateTime? LockedOutUntil,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public static AccountView From(Account a, DateTimeOffset now) => new(
        a.UserName!, a.DisplayName, a.Role, a.OfficeCode, a.Divisions, a.CreditCode, a.ApplicantKind?.ToString(), a.RegionCode,
        a.ContactName is null ? null : new ContactView(a.ContactName, a.ContactMobile, a.ContactEmail),
        a.IsActive, a.LockoutEnd is { } end && end > now ? end.UtcDateTime : null, a.CreatedAtUtc, a.UpdatedAtUtc);
}

public sealed record ContactView(string Name, string? Mobile, string? Email);
public sealed record ClientView(string ClientId, string? DisplayName, string? ClientType, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> Scopes);
/// <summary>A new machine client; <paramref name="ClientSecret"/> is shown this once and never again.</summary>
public sealed record CreatedClientView(string ClientId, string DisplayName, string ClientSecret, IReadOnlyList<string> Scopes);
public sealed record RegionView(string Code, string Name, RegionLevel Level, string? CityCode);
