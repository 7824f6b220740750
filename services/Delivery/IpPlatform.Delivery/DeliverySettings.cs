using Microsoft.Extensions.Configuration;

namespace IpPlatform.Delivery;

/// <summary>The delivery service's configuration (section <c>Delivery</c>).</summary>
public sealed class DeliverySettings
{
    /// <summary>The CloudEvents <c>source</c> of every event the platform publishes.</summary>
    public Uri EventSource { get; init; } = new("urn:cn:gov:jiangsu:ipplatform");
    /// <summary>The platform's public address (the gateway): schema links of the events.</summary>
    public string PublicUrl { get; init; } = "http://localhost:8080";
    /// <summary>Where people read an application (<c>Delivery:PortalUrl</c>): the link in notifications.</summary>
    public string PortalUrl { get; init; } = "http://localhost:8080";
    /// <summary>How long the previous webhook secret stays valid after a rotation.</summary>
    public TimeSpan SecretGracePeriod { get; init; } = TimeSpan.FromHours(24);
    /// <summary>How long a receiver may take to answer one delivery.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>SMTP server for e-mail (<c>Delivery:Smtp:Host</c>); no e-mail is sent when absent.</summary>
    public SmtpSettings Smtp { get; init; } = new();

    public static DeliverySettings From(IConfiguration configuration) =>
        configuration.GetSection("Delivery").Get<DeliverySettings>() ?? new DeliverySettings();
}

public sealed class SmtpSettings
{
    public string? Host { get; init; }
    public int Port { get; init; } = 25;
    public bool UseTls { get; init; }
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "ipplatform@jsipo.example";
    /// <summary>How often the sender looks for mails due when it has none left to send.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(2);
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
