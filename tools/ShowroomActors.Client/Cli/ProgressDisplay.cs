using Spectre.Console;

namespace ShowroomActors.Client.Cli;

/// <summary>
/// The progress of a long run (a benchmark, a load run): on a terminal a Spectre.Console progress bar with the
/// elapsed and remaining time and a status line the run updates; redirected to a file or a pipe, the status line
/// once per <see cref="PlainEvery"/> instead (a bar would only fill logs with escape codes). Disabled, nothing.
/// </summary>
public sealed class ProgressDisplay
{
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(1);

    private double _value;
    private string _status = "";

    /// <summary>Whether a bar can be drawn (stdout is an interactive terminal).</summary>
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>
    /// Runs <paramref name="work"/>, which reports through the display it is given; the bar (or the plain lines)
    /// follow it until it completes. <paramref name="total"/> is what "done" means (seconds of a run, steps).
    /// </summary>
    public static async Task<T> RunAsync<T>(string title, double total, bool enabled, Func<ProgressDisplay, Task<T>> work)
    {
        var display = new ProgressDisplay();
        if (!enabled) return await work(display);
        if (!Interactive) return await display.PlainAsync(work);
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(total, 1e-9));
                var running = work(display);
                while (!running.IsCompleted)
                {
                    task.Value = Math.Min(display._value, total);
                    task.Description = Markup.Escape(display._status.Length > 0 ? $"{title} {display._status}" : title);
                    await Task.WhenAny(running, Task.Delay(250));
                }
                task.Value = total;
                result = await running;
            });
        return result;
    }

    public static Task RunAsync(string title, double total, bool enabled, Func<ProgressDisplay, Task> work) =>
        RunAsync<bool>(title, total, enabled, async display =>
        {
            await work(display);
            return true;
        });

    /// <summary>A line of output that stays (above the bar on a terminal).</summary>
    public static void WriteLine(string line)
    {
        if (Interactive) AnsiConsole.WriteLine(line);
        else Console.WriteLine(line);
    }

    /// <summary>How far the run is (in the units of its total) and a short status to show beside it.</summary>
    public void Report(double value, string status)
    {
        Volatile.Write(ref _value, value);
        Volatile.Write(ref _status, status);
    }

    private async Task<T> PlainAsync<T>(Func<ProgressDisplay, Task<T>> work)
    {
        var running = work(this);
        var last = "";
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(PlainEvery));
            var status = Volatile.Read(ref _status);
            if (running.IsCompleted || status == last || status.Length == 0) continue;
            Console.WriteLine(status);
            last = status;
        }
        return await running;
    }
}
