using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ShowroomActors.Client.Cli;

/// <summary>
/// Options the tools share, each checked where it is parsed: a bad value is refused with a message that names the
/// option and says what it takes.
/// </summary>
public static class ToolOptions
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min, int max) =>
        Ranged(new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue }, min, max);

    /// <summary>A whole number in range, or nothing (the tool works it out).</summary>
    public static Option<int?> OptionalInt(string name, string description, int min, int max)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && (value < min || value > max))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number between {min} and {max}, not {value}."));
        });
        return option;
    }

    public static Option<double> Number(string name, string description, double defaultValue, double min, double max)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (double.IsNaN(value) || value < min || value > max)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number between {min} and {max}, not {value}."));
        });
        return option;
    }

    private static Option<int> Ranged(Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a whole number between {min} and {max}, not {value}."));
        });
        return option;
    }

    /// <summary>
    /// A time with a unit (<c>500ms</c>, <c>10s</c>, <c>2m</c>; a bare number is <paramref name="bareUnit"/>) in
    /// [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static Option<TimeSpan> Time(string name, string description, TimeSpan defaultValue, TimeSpan min, TimeSpan max, TimeUnit bareUnit = TimeUnit.Seconds) =>
        new(name)
        {
            Description = description + $" (a time: 500ms, 10s, 2m; a bare number is {(bareUnit == TimeUnit.Seconds ? "seconds" : "milliseconds")})",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (Durations.TryParse(text, bareUnit, out var time) && time >= min && time <= max) return time;
                result.AddError(Durations.TryParse(text, bareUnit, out _)
                    ? $"{name} must be between {Durations.Show(min)} and {Durations.Show(max)}, not '{text}'."
                    : $"{name} must be a time such as 500ms, 10s or 2m, not '{text}'.");
                return default;
            },
        };

    /// <summary>Comma- or space-separated names, each one of <paramref name="allowed"/>.</summary>
    public static Option<IReadOnlyList<string>> Names(string name, string description, IReadOnlyCollection<string> allowed) =>
        new(name)
        {
            Description = $"{description} ({string.Join(", ", allowed)})",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result =>
            {
                var names = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
                var unknown = names.Where(n => !allowed.Contains(n)).ToList();
                if (names.Count == 0) result.AddError($"{name} needs at least one of: {string.Join(", ", allowed)}.");
                else if (unknown.Count > 0) result.AddError($"{name}: unknown {string.Join(", ", unknown.Select(u => $"'{u}'"))}; known: {string.Join(", ", allowed)}.");
                return names.Distinct().ToList();
            },
        };

    /// <summary>Base addresses, comma-separated: absolute http(s) URLs without a path (a cluster takes several).</summary>
    public static Option<IReadOnlyList<Uri>> Urls(string name = "--url", string defaultUrl = "http://127.0.0.1:5080", bool several = true) =>
        new(name)
        {
            Description = several ? $"base address(es) of the host, comma-separated for a cluster (default {defaultUrl})" : $"base address of the host (default {defaultUrl})",
            DefaultValueFactory = _ => [new Uri(defaultUrl)],
            CustomParser = result =>
            {
                var urls = new List<Uri>();
                var bad = false;
                foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                {
                    string? problem = null;
                    if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                        problem = $"{name}: '{part}' is not an absolute http(s) address.";
                    else if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
                        problem = $"{name}: '{part}' must be a base address without a path, like {defaultUrl}.";
                    else if (!urls.Contains(new Uri(uri.GetLeftPart(UriPartial.Authority))))
                        urls.Add(new Uri(uri.GetLeftPart(UriPartial.Authority)));
                    if (problem is null) continue;
                    result.AddError(problem);
                    bad = true;
                }
                if (urls.Count == 0 && !bad) result.AddError($"{name} is empty.");
                else if (!several && urls.Count > 1) result.AddError($"{name} takes one address.");
                return urls;
            },
        };

    /// <summary><c>--operator-key</c>: default SHOWROOM_OPERATOR_KEY, else the demo key.</summary>
    public static Option<string> OperatorKey(Func<string, string?> env) =>
        new("--operator-key")
        {
            Description = "operator key for the set-up calls (default SHOWROOM_OPERATOR_KEY, else the demo key demo-operator-key)",
            DefaultValueFactory = _ => env("SHOWROOM_OPERATOR_KEY") is { Length: > 0 } key ? key : ShowroomClient.DemoOperatorKey,
            Validators = { result => { if (result.GetValueOrDefault<string>() is not { Length: > 0 }) result.AddError("--operator-key is empty."); } },
        };

    /// <summary><c>--allow-real-data</c>: run against a host whose data is neither the demo's nor a tool's (<see cref="RealDataGuard"/>).</summary>
    public static Option<bool> AllowRealData() =>
        new("--allow-real-data") { Description = "run even though the host holds real (non-demo, non-tool) data: what the tool creates stays in its journal for good" };

    /// <summary>An id prefix: 1-16 letters, digits or '-', starting with a letter or digit.</summary>
    public static Option<string> Prefix(string defaultValue, string description) =>
        new("--prefix")
        {
            Description = $"{description} (default {defaultValue})",
            DefaultValueFactory = _ => defaultValue,
            Validators =
            {
                result =>
                {
                    var text = result.GetValueOrDefault<string>() ?? "";
                    if (!(text.Length is >= 1 and <= 16 && char.IsAsciiLetterOrDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
                        result.AddError($"--prefix must be 1-16 letters, digits or '-', starting with a letter or digit, not '{text}'.");
                },
            },
        };

    /// <summary>The values given on the command line with the operator key masked, for a record of the run.</summary>
    public static IEnumerable<string> WithoutSecrets(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--operator-key" && i + 1 < args.Count)
            {
                yield return args[i];
                yield return "***";
                i++;
            }
            else yield return args[i].StartsWith("--operator-key=", StringComparison.Ordinal) ? "--operator-key=***" : args[i];
        }
    }
}

public enum TimeUnit
{
    Seconds,
    Milliseconds,
}

/// <summary>Times on the command line: <c>500ms</c>, <c>10s</c>, <c>2m</c>, or a bare number in a given unit.</summary>
public static class Durations
{
    public static bool TryParse(string text, TimeUnit bareUnit, out TimeSpan time)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : text.EndsWith('s') || text.EndsWith('S') ? (text[..^1], 1.0)
            : text.EndsWith('m') || text.EndsWith('M') ? (text[..^1], 60.0)
            : (text, bareUnit == TimeUnit.Seconds ? 1.0 : 0.001);
        time = default;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
        time = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    public static string Show(TimeSpan t) => t.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###}s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0.###}ms");
}
