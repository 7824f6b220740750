using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;

namespace IpPlatform.Identity.Tests;

/// <summary>What the service does at start: keys, seeding, and which grants it offers, per environment.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Outside_development_and_testing_it_refuses_to_start_without_certificates()
    {
        await using var factory = new IdentityFactory { Environment = "Production", Settings = ProductionLike() };

        var error = FindInvalidOperation(Record.Exception(() => factory.CreateClient()));

        Assert.Contains("Identity:SigningCertificate:Path", error.Message);
        Assert.Contains("Identity:EncryptionCertificate:Path", error.Message);
    }

    [Fact]
    public async Task A_signing_certificate_without_an_encryption_certificate_is_refused_naming_the_missing_one()
    {
        var folder = IdentityFactory.NewFolder();
        Directory.CreateDirectory(folder);
        var settings = ProductionLike();
        settings["Identity:SigningCertificate:Path"] = WriteCertificate(folder, "signing.pfx", X509KeyUsageFlags.DigitalSignature);
        settings["Identity:SigningCertificate:Password"] = CertificatePassword;
        await using var factory = new IdentityFactory { Folder = folder, Environment = "Production", Settings = settings };

        var error = FindInvalidOperation(Record.Exception(() => factory.CreateClient()));

        Assert.Contains("Identity:EncryptionCertificate:Path", error.Message);
        Assert.DoesNotContain("configure Identity:SigningCertificate:Path", error.Message);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task In_production_with_certificates_it_signs_with_the_certificate_and_seeds_only_the_first_administrator()
    {
        var folder = IdentityFactory.NewFolder();
        Directory.CreateDirectory(folder);
        var settings = ProductionLike();
        settings["Identity:SigningCertificate:Path"] = WriteCertificate(folder, "signing.pfx", X509KeyUsageFlags.DigitalSignature);
        settings["Identity:SigningCertificate:Password"] = CertificatePassword;
        settings["Identity:EncryptionCertificate:Path"] = WriteCertificate(folder, "encryption.pfx", X509KeyUsageFlags.KeyEncipherment);
        settings["Identity:EncryptionCertificate:Password"] = CertificatePassword;
        settings["Identity:InitialAdminPassword"] = Samples.Password;
        await using (var factory = new IdentityFactory { Folder = folder, Environment = "Production", Settings = settings })
        {
            var client = factory.CreateClient();

            var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
            using var signing = X509CertificateLoader.LoadPkcs12FromFile(settings["Identity:SigningCertificate:Path"]!, CertificatePassword);
            var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
            Assert.Equal(Base64UrlEncoder.Encode(signing.GetCertHash()), key.GetProperty("x5t").GetString());

            var (error, _) = await OAuth.Refused(OAuth.PasswordGrant(client, "admin", IdentityFactory.DemoPassword));
            Assert.Equal("unsupported_grant_type", error);
            var accounts = await factory.With<IdentityDbContext, List<string>>(db => db.Users.Select(a => a.UserName + " " + a.Role).ToListAsync());
            Assert.Equal(["admin admin"], accounts);
            Assert.Null(await factory.With<IOpenIddictApplicationManager, object?>(async apps => await apps.FindByClientIdAsync("ipplatform-cli")));
            Assert.False(Directory.Exists(factory.KeysDirectory)); // no development keys were made
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_password_grant_is_refused_when_not_allowed()
    {
        await using var factory = new IdentityFactory { Settings = { ["Identity:AllowPasswordGrant"] = "false" } };
        var client = factory.CreateClient();

        var (error, _) = await OAuth.Refused(OAuth.PasswordGrant(client, "admin", IdentityFactory.DemoPassword));

        Assert.Equal("unsupported_grant_type", error);
        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.DoesNotContain("password", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
        await OAuth.Granted(OAuth.ClientCredentials(client, "agency-demo", "agency-demo-secret")); // machine clients are unaffected
    }

    [Fact]
    public async Task The_access_token_lifetime_is_configurable()
    {
        await using var factory = new IdentityFactory { Settings = { ["Identity:AccessTokenMinutes"] = "5" } };

        var response = await OAuth.Granted(OAuth.ClientCredentials(factory.CreateClient(), "agency-demo", "agency-demo-secret"));

        var claims = OAuth.Payload(response.GetProperty("access_token").GetString()!);
        Assert.Equal(5 * 60, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.InRange(response.GetProperty("expires_in").GetInt32(), 5 * 60 - 5, 5 * 60);
    }

    [Fact]
    public async Task Development_keys_persist_so_a_restarted_service_publishes_the_same_kid_and_accepts_its_earlier_tokens()
    {
        var folder = IdentityFactory.NewFolder();
        string kid, token, refreshToken;
        await using (var first = new IdentityFactory { Folder = folder })
        {
            var client = first.CreateClient();
            kid = SingleKid(await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks"));
            var tokens = await OAuth.Granted(OAuth.PasswordGrant(client, "expert-1", IdentityFactory.DemoPassword, "api offline_access"));
            token = tokens.GetProperty("access_token").GetString()!;
            refreshToken = tokens.GetProperty("refresh_token").GetString()!;
        }
        Assert.True(File.Exists(Path.Combine(folder, "keys", "signing-key.pem")));

        await using (var second = new IdentityFactory { Folder = folder })
        {
            var client = second.CreateClient();
            Assert.Equal(kid, SingleKid(await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks")));
            Assert.True((await OAuth.Validate(client, token)).IsValid);
            await OAuth.Granted(OAuth.RefreshGrant(client, refreshToken)); // the encryption key persisted too
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Seeding_a_second_time_changes_nothing()
    {
        var folder = IdentityFactory.NewFolder();
        int accounts;
        await using (var first = new IdentityFactory { Folder = folder })
        {
            accounts = await first.With<IdentityDbContext, int>(db => db.Users.CountAsync());
            using var admin = await OAuth.SignedIn(first, "admin");
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/identity/accounts/expert-2/deactivate", null)).StatusCode);
        }

        await using (var second = new IdentityFactory { Folder = folder })
        {
            Assert.Equal(11, accounts);
            Assert.Equal(accounts, await second.With<IdentityDbContext, int>(db => db.Users.CountAsync()));
            Assert.False(await second.With<UserManager<Account>, bool>(async users => (await users.FindByNameAsync("expert-2"))!.IsActive));
            var clients = await second.With<IOpenIddictApplicationManager, long>(apps => apps.CountAsync().AsTask());
            Assert.Equal(3, clients); // the CLI, the web portal and the demo agency
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    const string CertificatePassword = "test-pfx-password";

    static Dictionary<string, string?> ProductionLike() => new()
    {
        ["Identity:SeedDemoAccounts"] = null,
        ["Identity:AllowPasswordGrant"] = null,
    };

    static string WriteCertificate(string folder, string name, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=IpPlatform identity test {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    static string SingleKid(JsonElement jwks) => Assert.Single(jwks.GetProperty("keys").EnumerateArray()).GetProperty("kid").GetString()!;

    /// <summary>The start-up failure, however the test host wraps it.</summary>
    static InvalidOperationException FindInvalidOperation(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is InvalidOperationException { Message: var message } found && message.Contains("Identity:")) return found;
        Assert.Fail($"Expected a start-up failure naming the configuration, got: {exception}");
        return null!;
    }
}
