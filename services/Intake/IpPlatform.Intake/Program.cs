using IpPlatform.Infrastructure.Audit;
using IpPlatform.Intake;
using IpPlatform.Intake.Api;
using IpPlatform.Intake.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApplicationsApi();
app.MapMaterialsApi();
app.MapAuditApi<IntakeDbContext>("/api/applications");
app.Run();

/// <summary>Entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
