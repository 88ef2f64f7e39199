using System.CommandLine;

namespace ShowroomActors.Client.Cli;

/// <summary>
/// How every tool runs its command line (System.CommandLine): <c>--help</c>/<c>-h</c> print the help and exit 0
/// without running anything; a typo, a value out of range or a missing value prints <c>tool: message</c> lines (with
/// System.CommandLine's "did you mean" suggestions) and exits 2; otherwise the command's action runs and its
/// result is the exit code. Shell completions come from System.CommandLine's <c>[suggest]</c> directive
/// (the <c>dotnet-suggest</c> global tool).
/// </summary>
public static class ToolCommandLine
{
    public const int UsageError = 2;

    /// <summary>Parses and runs; <paramref name="output"/> and <paramref name="error"/> default to the console (tests pass writers).</summary>
    public static async Task<int> RunAsync(RootCommand command, string[] args, string tool, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var result = command.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var problem in result.Errors) await error.WriteLineAsync($"{tool}: {problem.Message}");
            foreach (var suggestion in Suggestions(result)) await error.WriteLineAsync($"{tool}: {suggestion}");
            await error.WriteLineAsync("Run with --help for the options.");
            return UsageError;
        }
        // Ctrl+C cancels the action's token; the tools then stop sending and still print what they measured.
        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(40) });
    }

    /// <summary>"did you mean --rate?" for each unknown option that is one or two edits from a known one.</summary>
    public static IEnumerable<string> Suggestions(ParseResult result)
    {
        var known = result.CommandResult.Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        foreach (var token in result.UnmatchedTokens.Where(t => t.StartsWith('-')))
        {
            var name = token.Split('=')[0];
            var closest = known.Select(k => (Name: k, Distance: Distance(name, k))).Where(k => k.Distance <= 2).OrderBy(k => k.Distance).FirstOrDefault();
            if (closest.Name is not null) yield return $"'{name}': did you mean {closest.Name}?";
        }
    }

    /// <summary>Levenshtein distance: edits (insert, delete, replace a character) from one word to the other.</summary>
    public static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>The messages a command line would be refused with (empty when it parses): for tests.</summary>
    public static IReadOnlyList<string> Errors(Command command, params string[] args) =>
        command.Parse(args).Errors.Select(e => e.Message).ToList();
}
