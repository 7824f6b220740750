using IpPlatform.Identity;
using IpPlatform.Identity.Api;
using IpPlatform.Infrastructure.Audit;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseTokenAuthentication();
app.MapTokenEndpoint();
app.MapAuthorizationEndpoints();
app.MapLoginPage();
app.MapIdentityApi();
app.MapAuditApi<IpPlatform.Identity.Data.IdentityDbContext>("/api/identity");
app.Run();

/// <summary>Entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
