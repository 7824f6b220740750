using IpPlatform.Identity;
using IpPlatform.Identity.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
// After the status-code pages of the defaults, so that a 401 or 403 gets a problem document.
app.UseAuthentication();
app.UseAuthorization();
app.MapTokenEndpoint();
app.MapIdentityApi();
app.Run();

/// <summary>Entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
