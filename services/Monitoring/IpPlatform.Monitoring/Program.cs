using IpPlatform.Monitoring;
using IpPlatform.Monitoring.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMonitoringApi();
app.Run();

/// <summary>Entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
