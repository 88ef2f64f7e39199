using Akka.Actor;
using Akka.Configuration;
using Serilog;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Application;
using ShowroomActors.Host.Api;
using ShowroomActors.Host.Demo;
using ShowroomActors.Host.Health;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.Logging;

namespace ShowroomActors.Host;

/// <summary>
/// Builds the web application around a started <see cref="ShowroomSystem"/>. Program.cs uses it with the
/// environment's settings; tests use it with a temporary data folder and port 0.
/// </summary>
public static class ShowroomHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static async Task<WebApplication> BuildAsync(string[] args, ShowroomSettings settings, TimeProvider? clock = null, Config? extraAkkaConfig = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        // --urls or ASPNETCORE_URLS win; otherwise the documented default address.
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddSerilog();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Problems.Customize);
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));

        clock ??= TimeProvider.System;
        var showroom = await ShowroomSystem.StartAsync(settings, clock, extraAkkaConfig);
        builder.Services.AddSingleton(showroom);
        builder.Services.AddSingleton(clock);
        builder.Services.AddShowroomApplication();
        builder.Services.AddSingleton(settings);
        var http = HttpSettings.From(showroom.System.Settings.Config);
        builder.Services.AddSingleton(http);
        builder.Services.AddSingleton(new ShowroomKeys(settings, DemoShowroom.DeviceKeys()));
        builder.Services.AddShowroomAuth();
        builder.Services.AddShowroomRateLimits(http);
        builder.Services.AddShowroomHealthChecks();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddSingleton<StatementLinks>();
        builder.Services.AddSingleton(new AuditJournal(settings));
        builder.Services.AddHostedService<ActorSystemLifetime>();
        builder.Services.AddSingleton<DemoLoader>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DemoLoader>());
        builder.Services.AddHostedService<PublicUrlCheck>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging(options => options.GetLevel = (http, _, error) => RequestLogLevels.Of(http, error));
        app.UseMiddleware<ClientAbort>();
        app.UseStaticFiles();
        app.UseAuthentication();
        // After authentication (a request with an unknown key counts against its address) and before authorization
        // (which would answer that request 401 before the limiter saw it).
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapProductEndpoints();
        app.MapSlotEndpoints();
        app.MapSensorEndpoints();
        app.MapAuditEndpoints();
        app.MapClusterEndpoints();
        app.MapBuyerEndpoints();
        app.MapQuotaReportEndpoints();
        app.MapStatementLinkEndpoints();
        app.MapOrderEndpoints();
        app.MapQrEndpoints();
        if (settings.UsesDemoKeys)
            Log.Warning("Demo mode: the demo keys {OperatorKey} and {AuditorKey} and the demo devices' keys are accepted. Set SHOWROOM_OPERATOR_KEY and SHOWROOM_AUDITOR_KEY (16 characters or more) for a real installation",
                ShowroomSettings.DemoOperatorKey, ShowroomSettings.DemoAuditorKey);
        return app;
    }
}

/// <summary>
/// Ties the actor system to the web host: stopping the host (SIGTERM, Ctrl+C) runs CoordinatedShutdown, so
/// this node leaves the cluster and hands its shards off; if the actor system stops by itself (e.g. downed by
/// the split brain resolver) the host stops too.
/// </summary>
internal sealed class ActorSystemLifetime(ShowroomSystem showroom, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        showroom.System.WhenTerminated.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Log.Information("Leaving the cluster and stopping the actor system");
        await showroom.StopAsync();
    }
}
