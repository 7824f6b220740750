using IpPlatform.Portal;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapPortal();
app.Run();

/// <summary>Entry point, visible to the portal tests' WebApplicationFactory.</summary>
public partial class Program;
