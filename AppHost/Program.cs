using Microsoft.Extensions.Configuration;
using IpPlatform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var state = StateFolder.Resolve(builder);
var broker = builder.AddMessageBroker(state);
var gatewayPort = builder.Configuration.GetValue<int?>("Gateway:Port") ?? 8080;

// Accounts and tokens. The issuer is the public address clients reach it by: the gateway.
var identity = builder.AddIdentityService(broker, state, gatewayPort);

var intake = builder.AddPlatformService<Projects.IpPlatform_Intake>("intake", broker, state).WithIdentity(identity);
var routing = builder.AddPlatformService<Projects.IpPlatform_Routing>("routing", broker, state).WithIdentity(identity);
var review = builder.AddPlatformService<Projects.IpPlatform_Review>("review", broker, state).WithIdentity(identity);
var funding = builder.AddPlatformService<Projects.IpPlatform_Funding>("funding", broker, state).WithIdentity(identity);
var monitoring = builder.AddPlatformService<Projects.IpPlatform_Monitoring>("monitoring", broker, state).WithIdentity(identity);

// Eligibility owns the calls and publishes the shipped ones on its first start; it starts once every
// subscriber is ready, so on a fresh broker their queues exist and no CallPublished is dropped.
var eligibility = builder.AddPlatformService<Projects.IpPlatform_Eligibility>("eligibility", broker, state).WithIdentity(identity)
    .WaitFor(intake).WaitFor(routing).WaitFor(review).WaitFor(funding).WaitFor(monitoring);

builder.AddProject<Projects.IpPlatform_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: gatewayPort, name: "http")
    .WithSmallFootprint()
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/alive")
    .WithPublicRateLimits()
    .WithReferenceAndWait(identity.Service)
    .WithReferenceAndWait(intake)
    .WithReferenceAndWait(eligibility)
    .WithReferenceAndWait(routing)
    .WithReferenceAndWait(review)
    .WithReferenceAndWait(funding)
    .WithReferenceAndWait(monitoring);

builder.Build().Run();
