using Microsoft.Extensions.Configuration;
using IpPlatform.AppHost;

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = args,
    // --Dashboard:Enabled=false: no dashboard process (≈ 150 MiB) where nobody looks at it, e.g. benchmarks.
    DisableDashboard = !new ConfigurationBuilder().AddCommandLine(args).Build().GetValue("Dashboard:Enabled", true),
});

var state = StateFolder.Resolve(builder);
var broker = builder.AddMessageBroker(state);
var gatewayPort = builder.Configuration.GetValue<int?>("Gateway:Port") ?? 8080;

// Accounts and tokens. The issuer is the public address clients reach it by: the gateway.
var identity = builder.AddIdentityService(broker, state, gatewayPort);

// The printed form's QR code holds a verification URL at the address people reach the platform by: the gateway.
var publicBaseUrl = builder.Configuration["Public:BaseUrl"] is { Length: > 0 } baseUrl ? baseUrl : $"http://localhost:{gatewayPort}";
var intake = builder.AddPlatformService<Projects.IpPlatform_Intake>("intake", broker, state).WithIdentity(identity)
    .WithEnvironment("Public__BaseUrl", publicBaseUrl);
var routing = builder.AddPlatformService<Projects.IpPlatform_Routing>("routing", broker, state).WithIdentity(identity)
    .WithBackgroundPriority();
var review = builder.AddPlatformService<Projects.IpPlatform_Review>("review", broker, state).WithIdentity(identity)
    .WithBackgroundPriority();
var funding = builder.AddPlatformService<Projects.IpPlatform_Funding>("funding", broker, state).WithIdentity(identity)
    .WithBackgroundPriority();
var monitoring = builder.AddPlatformService<Projects.IpPlatform_Monitoring>("monitoring", broker, state).WithIdentity(identity)
    .WithBackgroundPriority();

// Events for other agencies (feed, webhooks) and notifications for people; mail goes to a local sink in
// development unless Delivery:Smtp:Host names a real server.
var delivery = builder.AddDeliveryService(broker, state, identity, gatewayPort);
// Identity publishes AccountRegistered for the demo accounts it seeds on its database's first start; delivery keeps the
// addresses. Then delivery's queue must exist first, or those events have nowhere to go (delivery lost that race, and no
// mail reached the offices). Later starts publish nothing at start-up and do not wait (it cost 8 s of every start).
if (!state.HasSqliteDatabase(builder, "identity"))
    identity.Service.WaitFor(delivery);

// Eligibility owns the calls and publishes the shipped ones on its first start; it starts once every
// subscriber is ready, so on a fresh broker their queues exist and no CallPublished is dropped. Later starts find the
// queues on the broker and start beside the others (waiting cost about 15 s of every start).
var eligibility = builder.AddPlatformService<Projects.IpPlatform_Eligibility>("eligibility", broker, state).WithIdentity(identity);
if (!state.HasSqliteDatabase(builder, "eligibility"))
    eligibility.WaitFor(intake).WaitFor(routing).WaitFor(review).WaitFor(funding).WaitFor(monitoring).WaitFor(delivery);

// The web portal: people sign in through the identity service (at its public issuer, the gateway) and the portal calls
// the APIs through the gateway with their tokens; the gateway serves it at "/".
var portal = builder.AddPortal(identity);

builder.AddProject<Projects.IpPlatform_Gateway>("gateway", launchProfileName: null)
    .WithHostEnvironment()
    // Not behind the orchestrator's proxy: the gateway's address is the issuer's, which the portal fetches the OpenID
    // configuration from and the browser is sent back to, so it must be this port (the testing builder would give a
    // proxied endpoint a random one).
    .WithHttpEndpoint(port: gatewayPort, name: "http", isProxied: false)
    .WithBuiltProgram()
    .WithSmallFootprint()
    .WithExternalHttpEndpoints()
    .WithPatientHttpHealthCheck("/alive")
    .WithPublicRateLimits()
    .WithReferenceAndWait(identity.Service)
    .WithReferenceAndWait(intake)
    .WithReferenceAndWait(eligibility)
    .WithReferenceAndWait(routing)
    .WithReferenceAndWait(review)
    .WithReferenceAndWait(funding)
    .WithReferenceAndWait(monitoring)
    .WithReferenceAndWait(delivery)
    .WithReferenceAndWait(portal);

builder.PaceTelemetryExport();
builder.UseOwnProcessMonitors();

builder.Build().Run();
