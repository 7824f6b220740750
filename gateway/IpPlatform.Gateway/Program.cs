using IpPlatform.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.UseClientAddress();
app.MapDefaultEndpoints();
app.UseRequestBodyLimit();
app.UseVerificationLinks();
app.MapGateway();
app.Run();
public partial class Program;
