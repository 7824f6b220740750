using IpPlatform.Routing;
using IpPlatform.Routing.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRoutingApi();
app.Run();

/// <summary>Entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
