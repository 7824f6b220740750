using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace IpPlatform.AppHost;

public static class DeliveryResources
{
    /// <summary>
    /// The delivery service: the public event feed, webhooks and notifications. Its e-mail goes to
    /// <c>Delivery:Smtp:*</c> when given, else to a local mail sink appending each message to a file of the day under the state folder
    /// (<c>.state/mail/&lt;day&gt;.txt</c> and <c>.mbox</c>), on <c>Mail:Port</c> (default 2525).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddDeliveryService(
        this IDistributedApplicationBuilder builder, MessageBroker broker, StateFolder state, IdentityService identity, int gatewayPort)
    {
        var publicUrl = builder.Configuration["Delivery:PublicUrl"] is { Length: > 0 } url ? url : $"http://localhost:{gatewayPort}";
        var delivery = builder.AddPlatformService<Projects.IpPlatform_Delivery>("delivery", broker, state).WithIdentity(identity)
            .WithBackgroundPriority()
            .WithEnvironment("Delivery__PublicUrl", publicUrl)
            .WithEnvironment("Delivery__PortalUrl", builder.Configuration["Delivery:PortalUrl"] is { Length: > 0 } portal ? portal : publicUrl);

        var smtp = builder.Configuration.GetSection("Delivery:Smtp");
        if (smtp["Host"] is { Length: > 0 })
        {
            foreach (var (key, value) in smtp.AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null))
                delivery.WithEnvironment($"Delivery__Smtp__{key.Replace(":", "__")}", value!);
            return delivery;
        }

        var port = builder.Configuration.GetValue<int?>("Mail:Port") ?? 2525;
        var sink = builder.AddProject<Projects.IpPlatform_MailSink>("mail-sink", launchProfileName: null)
            .WithBuiltProgram()
            .WithSmallFootprint()
            .WithArgs("--port", port.ToString(), "--folder", state.Combine("mail"));
        return delivery.WithEnvironment("Delivery__Smtp__Host", "127.0.0.1")
            .WithEnvironment("Delivery__Smtp__Port", port.ToString())
            .WaitFor(sink);
    }
}
