using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every IpPlatform process shares: telemetry, health, discovery, resilience, problem details.</summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    /// <summary>Tag of health checks that decide readiness (database, broker) but not liveness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Largest request body any endpoint accepts; the gateway enforces the same figure.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // First, so the threads started from here on descend from lowered ones (Runtime:Nice, see ProcessPriority).
        IpPlatform.ProcessPriority.Apply(builder.Configuration.GetValue("Runtime:Nice", 0));
        builder.RaiseThreadPoolFloor();
        if (builder.Configuration.GetValue(IpPlatform.OrchestratorWatch.SettingName, false) && OperatingSystem.IsLinux())
            builder.Services.AddHostedService<IpPlatform.OrchestratorWatch>();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (context.HttpContext.Items[CorrelationIdMiddleware.ItemKey] is string correlationId)
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<IpPlatform.BusinessRuleExceptionHandler>();
        // Minimal APIs only throw on unreadable bodies when asked to; the handler above turns that
        // into a problem document naming the field instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
            o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        // The public documents' conventions: enums by name only, so an unknown value is a 400 naming the field.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new IpPlatform.UtcDateTimeJsonConverter()); // every instant with its Z
        });
        builder.Services.AddSingleton<CorrelationIdMiddleware>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<IpPlatform.Security.BearerSecurityDocumentTransformer>());
        return builder;
    }

    /// <summary>
    /// Microsoft.Data.Sqlite runs its async API synchronously: every database call holds a pool thread until SQLite
    /// answers, a writer waiting for the lock included. On two cores the pool starts with two threads and adds about
    /// one per half second while all are held, so under a burst of writes every request queued behind them (traced:
    /// 400 ms between the gateway sending a submission and intake starting it). A floor of ready threads
    /// (<c>Runtime:MinPoolThreads</c>, default 32) lets such calls wait side by side; threads are made only when work waits.
    /// </summary>
    static void RaiseThreadPoolFloor(this IHostApplicationBuilder builder)
    {
        var floor = builder.Configuration.GetValue("Runtime:MinPoolThreads", 32);
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (floor > workers) ThreadPool.SetMinThreads(floor, completionPorts);
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true; // carries the correlation id scope into every exported record
        });
        builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", IpPlatformTelemetry.MeterName))
            .WithTracing(tracing => tracing
                // Follow the caller's decision (the gateway samples what enters the platform, see GatewayTracing); a
                // request or job that starts here is always recorded. Set in code: Aspire's OTEL_TRACES_SAMPLER=always_on
                // would record every unsampled request's spans too, which only costs.
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(builder.Environment.ApplicationName, "MassTransit", IpPlatformTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o =>
                    // Probes would drown the traces that matter.
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(HealthPath)
                                      && !ctx.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>Correlation id, problem details for exceptions, health endpoints and the OpenAPI document.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Services that check tokens (AddPlatformAuthentication) authenticate before any endpoint runs.
        if (app.Services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>() is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        // Probes and API descriptions are public on purpose.
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) || r.Tags.Contains("live") }).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
