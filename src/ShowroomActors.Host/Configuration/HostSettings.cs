using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Host.Configuration;

/// <summary>
/// What only the web host needs, read from configuration (the <c>SHOWROOM_*</c> environment variables): the operator
/// and auditor keys, demo mode, and the address phones reach. A bad value stops start-up with a message naming the
/// variable (exit code 2).
/// </summary>
public sealed record HostSettings
{
    public const string DemoOperatorKey = "demo-operator-key";
    public const string DemoAuditorKey = "demo-auditor-key";
    /// <summary>The shortest operator or auditor key accepted.</summary>
    public const int MinKeyLength = 16;

    /// <summary>Operator bearer key (SHOWROOM_OPERATOR_KEY); null: no operator access.</summary>
    public string? OperatorKey { get; init; }
    /// <summary>Read-only auditor bearer key (SHOWROOM_AUDITOR_KEY); null: no auditor access.</summary>
    public string? AuditorKey { get; init; }
    /// <summary>True when the demo keys are in use: demo mode with no key configured. Only then do the demo operator, auditor and device keys work.</summary>
    public bool UsesDemoKeys { get; init; }
    /// <summary>Load the demo showroom on start (SHOWROOM_DEMO, default on).</summary>
    public bool Demo { get; init; } = true;
    /// <summary>The address phones reach this showroom at, used in QR codes and screen links (SHOWROOM_PUBLIC_URL); null: the host's own HTTP address.</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>Reads SHOWROOM_OPERATOR_KEY, SHOWROOM_AUDITOR_KEY, SHOWROOM_DEMO and SHOWROOM_PUBLIC_URL.</summary>
    public static HostSettings From(IConfiguration configuration)
    {
        string? Value(string name) => ConfigurationValues.Read(configuration, name);
        var demo = Value("SHOWROOM_DEMO") is not { } demoSwitch || ConfigurationValues.Switch(demoSwitch, "SHOWROOM_DEMO");
        var operatorKey = Value("SHOWROOM_OPERATOR_KEY") is { } op ? CheckKey(op, "SHOWROOM_OPERATOR_KEY") : null;
        var auditorKey = Value("SHOWROOM_AUDITOR_KEY") is { } au ? CheckKey(au, "SHOWROOM_AUDITOR_KEY") : null;
        // The demo keys are printed in the README: they work only in demo mode, and never once any key is configured.
        var demoKeys = demo && operatorKey is null && auditorKey is null;
        return new HostSettings
        {
            OperatorKey = demoKeys ? DemoOperatorKey : operatorKey,
            AuditorKey = demoKeys ? DemoAuditorKey : auditorKey,
            UsesDemoKeys = demoKeys,
            Demo = demo,
            PublicBaseUrl = Value("SHOWROOM_PUBLIC_URL") is { } url ? ParseUrl(url) : null,
        };
    }

    private static string CheckKey(string key, string name) =>
        key.Length >= MinKeyLength
            ? key
            : throw new SettingsException($"{name} must be at least {MinKeyLength} characters (it has {key.Length}): a short key is guessed quickly.");

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new SettingsException($"SHOWROOM_PUBLIC_URL must be an absolute http(s) URL, not '{text}'.");
}
