using IpPlatform.Eligibility;
using IpPlatform.Eligibility.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEligibilityApi();
app.MapCallsApi();
app.MapHistoryApi();
app.Run();

/// <summary>Entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
