using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace IpPlatform.Identity.Tokens;

/// <summary>
/// The keys that sign tokens (RS256, published at the JWKS endpoint) and encrypt the tokens only this
/// service reads (refresh tokens). Certificates when configured; otherwise, in Development and Testing
/// only, RSA keys kept in a folder so that tokens and the published <c>kid</c> survive a restart.
/// Anywhere else a missing certificate stops the start: ephemeral keys would silently invalidate every
/// token at each restart.
/// </summary>
public static class TokenKeys
{
    const string SigningKeyFile = "signing-key.pem";
    const string EncryptionKeyFile = "encryption-key.pem";

    public static OpenIddictServerBuilder AddTokenKeys(
        this OpenIddictServerBuilder server, IConfiguration configuration, IHostEnvironment environment, IdentitySettings settings)
    {
        var signingPath = configuration[IdentitySettings.SigningCertificatePathKey];
        var encryptionPath = configuration[IdentitySettings.EncryptionCertificatePathKey];
        var missing = new[] { (IdentitySettings.SigningCertificatePathKey, signingPath), (IdentitySettings.EncryptionCertificatePathKey, encryptionPath) }
            .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1).ToList();

        if (missing.Count == 0)
        {
            server.AddSigningCertificate(LoadCertificate(signingPath!, configuration[IdentitySettings.SigningCertificatePasswordKey]));
            server.AddEncryptionCertificate(LoadCertificate(encryptionPath!, configuration[IdentitySettings.EncryptionCertificatePasswordKey]));
            return server;
        }

        if (missing.Count == 1 || !(environment.IsDevelopment() || environment.IsEnvironment("Testing")))
            throw new InvalidOperationException(
                $"The identity service has no keys to sign and encrypt tokens in environment '{environment.EnvironmentName}': " +
                $"configure {string.Join(" and ", missing)} (PFX files; their passwords in " +
                $"{IdentitySettings.SigningCertificatePasswordKey} and {IdentitySettings.EncryptionCertificatePasswordKey}). " +
                "Keys generated on the fly are only used in Development and Testing.");

        Directory.CreateDirectory(settings.KeysDirectory);
        server.AddSigningKey(PersistedRsaKey(Path.Combine(settings.KeysDirectory, SigningKeyFile)));
        server.AddEncryptionKey(PersistedRsaKey(Path.Combine(settings.KeysDirectory, EncryptionKeyFile)));
        return server;
    }

    static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"The token certificate '{path}' does not exist.");
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>
    /// The RSA key kept in <paramref name="path"/>, created on first use. Its <c>kid</c> is its RFC 7638
    /// thumbprint, so the same key always publishes the same <c>kid</c>.
    /// </summary>
    static RsaSecurityKey PersistedRsaKey(string path)
    {
        if (!File.Exists(path))
        {
            using var created = RSA.Create(2048);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, created.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // Two instances starting together on one folder: the first move wins, the other reads its key.
            try { File.Move(temporary, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(temporary); }
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)).ComputeJwkThumbprint());
        return key;
    }
}
