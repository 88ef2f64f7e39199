using Akka.Configuration;
using Serilog;
using ShowroomActors.Actors.Hosting;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Application;
using ShowroomActors.Host.Api;
using ShowroomActors.Host.Configuration;
using ShowroomActors.Host.Demo;
using ShowroomActors.Host.Health;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.Logging;
using ShowroomActors.Host.Mqtt;
using ShowroomActors.Host.Metrics;
using ShowroomActors.Host.OpenApi;
using ShowroomActors.Host.WebConsole;

namespace ShowroomActors.Host;

/// <summary>
/// Builds the web application: the node's actors (Akka.Hosting, <see cref="ShowroomActorsHosting.AddShowroomActors"/>),
/// the use cases, and the HTTP API on ASP.NET's own pieces. Program.cs builds it from configuration (the
/// <c>SHOWROOM_*</c> variables); tests give it settings with a temporary data folder and port 0. The actor system starts
/// with the host and stops with it, and so does MQTT (the embedded server or the broker client, <see cref="MqttServices"/>) (CoordinatedShutdown: the node leaves the cluster and hands its shards off); if the
/// actor system stops by itself (e.g. downed by the split brain resolver) the host stops too.
/// </summary>
public static class ShowroomHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// The application; settings not given are read from configuration (a bad value throws
    /// <see cref="SettingsException"/> naming the variable).
    /// </summary>
    public static WebApplication Build(string[] args, ShowroomSettings? settings = null, HostSettings? host = null,
        TimeProvider? clock = null, Config? extraAkkaConfig = null, MqttSettings? mqtt = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        settings ??= ShowroomSettings.From(builder.Configuration);
        host ??= HostSettings.From(builder.Configuration);
        mqtt ??= MqttSettings.From(builder.Configuration);
        clock ??= TimeProvider.System;
        // --urls or ASPNETCORE_URLS win; otherwise the documented default address.
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddSerilog();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Problems.Customize);
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));

        builder.Services.AddShowroomActors(settings, clock, extraAkkaConfig);
        builder.Services.AddShowroomApplication();
        builder.Services.AddSingleton(host);
        var http = HttpSettings.From(ShowroomConfig.Build(settings, extraAkkaConfig));
        builder.Services.AddSingleton(http);
        builder.Services.AddSingleton(new ShowroomKeys(host, DemoShowroom.DeviceKeys()));
        builder.Services.AddShowroomAuth();
        builder.Services.AddShowroomConsole(settings);
        builder.Services.AddShowroomRateLimits(http);
        builder.Services.AddShowroomHealthChecks();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddSingleton<StatementLinks>();
        builder.Services.AddSingleton(new AuditJournal(settings));
        builder.Services.AddSingleton<DemoLoader>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DemoLoader>());
        builder.Services.AddHostedService<PublicUrlCheck>();
        builder.Services.AddShowroomOpenApi();
        builder.Services.AddShowroomMqtt(mqtt);
        builder.Services.AddShowroomMetrics();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging(options => options.GetLevel = (http, _, error) => RequestLogLevels.Of(http, error));
        app.UseMiddleware<ClientAbort>();
        app.UseStaticFiles();
        app.UseConsoleLocalization();
        app.UseAuthentication();
        // After authentication (a request with an unknown key counts against its address) and before authorization
        // (which would answer that request 401 before the limiter saw it).
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapProductEndpoints();
        app.MapSlotEndpoints();
        app.MapSensorEndpoints();
        app.MapDeviceEndpoints();
        app.MapAuditEndpoints();
        app.MapAuditLogEndpoints();
        app.MapProofEndpoints();
        app.MapQuotaCertificateEndpoints();
        app.MapClusterEndpoints();
        app.MapBuyerEndpoints();
        app.MapQuotaReportEndpoints();
        app.MapStatementLinkEndpoints();
        app.MapOrderEndpoints();
        app.MapQrEndpoints();
        app.MapAlertEndpoints();
        app.MapShowroomConsole();
        app.MapShowroomOpenApi();
        app.MapShowroomMetrics();
        if (host.UsesDemoKeys)
            Log.Warning("Demo mode: the demo keys {OperatorKey} and {AuditorKey} and the demo devices' keys are accepted. Set SHOWROOM_OPERATOR_KEY and SHOWROOM_AUDITOR_KEY (16 characters or more) for a real installation",
                HostSettings.DemoOperatorKey, HostSettings.DemoAuditorKey);
        return app;
    }
}
