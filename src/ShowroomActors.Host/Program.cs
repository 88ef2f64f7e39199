using Serilog;
using Serilog.Events;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Host;
using ShowroomActors.Host.Logging;

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
    .Enrich.FromLogContext()
    .Enrich.With<AkkaSourceContext>()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
    .CreateLogger();

try
{
    var app = ShowroomHost.Build(args);
    var settings = app.Services.GetRequiredService<ShowroomSettings>();
    Log.Information("Starting ShowroomActors: data {DataDir}, journal {Journal}, akka {AkkaHost}:{AkkaPort}",
        settings.DataDir, settings.UsesPostgres ? "PostgreSQL" : "SQLite", settings.AkkaHost, settings.AkkaPort);
    await app.RunAsync();
    return 0;
}
catch (SettingsException e)
{
    Log.Fatal("Configuration error: {Message}", e.Message);
    return 2;
}
catch (Exception e)
{
    Log.Fatal(e, "ShowroomActors stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
