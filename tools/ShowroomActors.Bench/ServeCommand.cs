using Microsoft.Extensions.Hosting;
using System.CommandLine;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Host;
using ShowroomActors.Host.Configuration;

namespace ShowroomActors.Bench;

/// <summary>
/// <c>ShowroomActors.Bench serve bare|host --urls URL [--data DIR]</c> (hidden): a server the <c>http-ceiling</c>
/// section starts as a child process of its own, so both servers run alone in a process with the same runtime
/// settings (the Bench's: workstation concurrent GC, as the host's project sets), and their CPU can be read apart
/// from the load generator's.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "bare: the HTTP ceiling (a'); host: the showroom host on SQLite" };
        kind.AcceptOnlyFromAmong("bare", "host");
        var urls = new Option<string>("--urls") { Description = "address to listen on", Required = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = "the host's data folder (SHOWROOM_DATA_DIR)" };
        var command = new Command("serve", "a server for the http-ceiling section (started by the Bench itself)") { kind, urls, data };
        command.Hidden = true;
        command.SetAction(async (result, stop) =>
        {
            var url = result.GetValue(urls)!;
            if (result.GetValue(kind) == "bare")
            {
                await BareIngestServer.RunAsync(url, stop);
                return 0;
            }
            var settings = new ShowroomSettings { DataDir = result.GetValue(data)?.FullName ?? Path.GetFullPath("data"), AkkaPort = 0 };
            // No demo showroom; the demo operator key so the Bench can bind its slots (the devices bring their own keys).
            var host = new HostSettings { Demo = false, OperatorKey = HostSettings.DemoOperatorKey };
            var app = ShowroomHost.Build(["--urls", url], settings, host);
            await app.RunAsync(stop);
            return 0;
        });
        return command;
    }
}
