using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.Bench;

/// <summary>The Bench's command line and its run: the selected sections, each on every backend it applies to, then the table.</summary>
public static class BenchCommand
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=showroom;Password=showroom;Database=showroom";

    public static RootCommand Create(Func<string, string?> env)
    {
        var quick = new Option<bool>("--quick") { Description = "small sizes and short windows: about a minute instead of several" };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "PostgreSQL server (an Npgsql connection string) for the PostgreSQL figures, or 'off' (default SHOWROOM_TEST_POSTGRES, else the local server of tools/postgres-local.sh; skipped when unreachable)",
        };
        var output = new Option<FileInfo?>("--out") { Description = "also write the figures as JSON to this file" };
        var work = new Option<DirectoryInfo?>("--work") { Description = "folder for the databases the Bench writes (default: a new folder under the temp folder, deleted after)" };
        var only = ToolOptions.Names("--only", "measure only these sections, comma-separated", Sections.Names);
        var noProgress = new Option<bool>("--no-progress") { Description = "no progress bar" };

        var command = new RootCommand("""
            ShowroomActors.Bench: side-by-side measurements in one run, in process: (a) the storage ceiling, (b) Akka's
            in-memory journal, (c) our SQLite and PostgreSQL set-ups. Figures are compared as ratios to (a) and (b),
            which hold on a noisy machine where absolute numbers drift. See docs/PERFORMANCE.md.
            """)
        {
            quick, postgres, output, work, only, noProgress,
        };
        command.Subcommands.Add(ServeCommand.Create());
        command.SetAction(async (result, cancel) =>
        {
            var selected = result.GetValue(only) is { Count: > 0 } names ? names.ToHashSet() : Sections.Names.ToHashSet();
            var workDir = result.GetValue(work)?.FullName ?? Path.Combine(Path.GetTempPath(), "showroom-bench-" + Guid.NewGuid().ToString("N")[..8]);
            var server = result.GetValue(postgres) ?? (env("SHOWROOM_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultPostgres);
            return await RunAsync(new Scale(result.GetValue(quick)), workDir, server == "off" ? null : server, selected,
                result.GetValue(output)?.FullName, !result.GetValue(noProgress));
        });
        return command;
    }

    private static async Task<int> RunAsync(Scale scale, string work, string? postgresServer, IReadOnlySet<string> selected, string? outFile, bool progress)
    {
        if (postgresServer is not null && !await ReachableAsync(postgresServer))
        {
            Console.WriteLine("PostgreSQL: not reachable; measuring SQLite and in-memory only.");
            postgresServer = null;
        }
        else if (postgresServer is null) Console.WriteLine("PostgreSQL: off; measuring SQLite and in-memory only.");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ShowroomActors.Bench {(scale.Quick ? "--quick" : "full")} on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, sections {string.Join(",", Sections.Names.Where(selected.Contains))}, work dir {work}"));
        Directory.CreateDirectory(work);
        var run = new BenchRun(scale, work, postgresServer, selected);

        var once = Sections.All.Where(s => !s.PerBackend && selected.Contains(s.Name)).ToList();
        var perBackend = Sections.All.Where(s => s.PerBackend && selected.Contains(s.Name)).ToList();
        var backends = new List<Func<Task<Backend>>>();
        if (perBackend.Count > 0)
        {
            backends.Add(() => Task.FromResult(Backend.Memory(work)));
            backends.Add(() => Task.FromResult(Backend.Sqlite(work)));
            if (postgresServer is not null) backends.Add(() => Backend.PostgresAsync(postgresServer, work));
        }
        var steps = once.Count + perBackend.Count * backends.Count;

        await ProgressDisplay.RunAsync("bench", steps, progress, async display =>
        {
            var done = 0;
            foreach (var section in once)
            {
                display.Report(done, section.Name);
                ProgressDisplay.WriteLine(section.Description);
                await section.RunAsync(run, null);
                done++;
            }
            foreach (var makeBackend in backends)
            {
                var backend = await makeBackend();
                ProgressDisplay.WriteLine($"({(backend.InMemory ? "b" : "c")}) {backend.Name}");
                try
                {
                    foreach (var section in perBackend)
                    {
                        display.Report(done, $"{section.Name} [{backend.Name}]");
                        await section.RunAsync(run, backend);
                        done++;
                    }
                }
                finally
                {
                    if (postgresServer is not null) await backend.DropAsync(postgresServer);
                }
            }
            display.Report(done, "done");
        });

        Report.Print(run.Figures, Console.Out);
        if (outFile is not null)
        {
            await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(new { date = DateTime.UtcNow, quick = scale.Quick, cores = Environment.ProcessorCount, figures = run.Figures },
                new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            Console.WriteLine($"results written to {outFile}");
        }
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        return 0;
    }

    private static async Task<bool> ReachableAsync(string connection)
    {
        try
        {
            await using var c = new NpgsqlConnection(connection);
            await c.OpenAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }
}
