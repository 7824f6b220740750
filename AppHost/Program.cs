using Microsoft.Extensions.Configuration;
using IpPlatform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var state = StateFolder.Resolve(builder);
var broker = builder.AddMessageBroker(state);

var intake = builder.AddPlatformService<Projects.IpPlatform_Intake>("intake", broker, state);
var routing = builder.AddPlatformService<Projects.IpPlatform_Routing>("routing", broker, state);
var review = builder.AddPlatformService<Projects.IpPlatform_Review>("review", broker, state);
var funding = builder.AddPlatformService<Projects.IpPlatform_Funding>("funding", broker, state);
var monitoring = builder.AddPlatformService<Projects.IpPlatform_Monitoring>("monitoring", broker, state);

// Eligibility owns the calls and publishes the shipped ones on its first start; it starts once every
// subscriber is ready, so on a fresh broker their queues exist and no CallPublished is dropped.
var eligibility = builder.AddPlatformService<Projects.IpPlatform_Eligibility>("eligibility", broker, state)
    .WaitFor(intake).WaitFor(routing).WaitFor(review).WaitFor(funding).WaitFor(monitoring);

builder.AddProject<Projects.IpPlatform_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: builder.Configuration.GetValue<int?>("Gateway:Port") ?? 8080, name: "http")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/alive")
    .WithReferenceAndWait(intake)
    .WithReferenceAndWait(eligibility)
    .WithReferenceAndWait(routing)
    .WithReferenceAndWait(review)
    .WithReferenceAndWait(funding)
    .WithReferenceAndWait(monitoring);

builder.Build().Run();
