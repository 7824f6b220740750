using IpPlatform.Eligibility;
using IpPlatform.Eligibility.Api;
using IpPlatform.Eligibility.Data;
using IpPlatform.Infrastructure.Audit;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEligibilityApi();
app.MapCallsApi();
app.MapHistoryApi();
app.MapAuditApi<EligibilityDbContext>("/api/eligibility");
app.Run();

/// <summary>Entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
