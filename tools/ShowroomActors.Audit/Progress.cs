using System.Globalization;
using Spectre.Console;

namespace ShowroomActors.Audit;

/// <summary>
/// Progress of a long run on standard error: a Spectre.Console progress bar when standard error is a terminal, plain
/// lines otherwise (logs, pipes, tests). Results never go here.
/// </summary>
public sealed class Progress(TextWriter error, string what, long total)
{
    private readonly DateTime _started = DateTime.UtcNow;

    /// <summary>True when <paramref name="error"/> is this process's own standard error, and a terminal.</summary>
    private bool Interactive => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="work"/>, which reports how many items it has done through its argument.</summary>
    public async Task<T> RunAsync<T>(Func<Action<long>, Task<T>> work)
    {
        if (!Interactive)
        {
            var result = await work(done => error.WriteLine(Line(done)));
            return result;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(what, maxValue: Math.Max(total, 1));
                var result = await work(done => task.Value = done);
                task.Value = task.MaxValue;
                return result;
            });
    }

    private string Line(long done)
    {
        var seconds = Math.Max((DateTime.UtcNow - _started).TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}: {done:N0} of {total:N0} ({100.0 * done / Math.Max(total, 1):0}%), {done / seconds:N0}/s");
    }
}
