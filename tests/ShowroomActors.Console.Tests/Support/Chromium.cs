using Microsoft.Playwright;
using ShowroomActors.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ShowroomActors.Console.Tests.Support;

/// <summary>
/// Debian's chromium driven by Playwright (which cannot download browsers here): one browser for the test run, a fresh
/// context (cookies, storage) per test. Without <see cref="ExecutablePath"/> the tests are skipped on a developer
/// machine and FAIL on CI (<c>CI=true</c>), where .ci/run installs the package.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IMessageSink _diagnostics;
    private IPlaywright? _playwright;

    public Chromium(IMessageSink diagnostics) => _diagnostics = diagnostics;

    public IBrowser? Browser { get; private set; }
    public string? UnavailableReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            if (PostgresDatabase.IsCi)
                throw new InvalidOperationException($"CI=true but {ExecutablePath} is missing: .ci/run must 'apt-get install -y chromium'.");
            UnavailableReason = $"{ExecutablePath} is missing (apt-get install -y chromium)";
            _diagnostics.OnMessage(new DiagnosticMessage("Console browser tests skipped: {0}", UnavailableReason));
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
        });
    }

    /// <summary>A fresh browser context on <paramref name="host"/> (Chinese unless <paramref name="locale"/> says otherwise), tablet-sized.</summary>
    public async Task<IPage> NewPageAsync(ConsoleHost host, string locale = "zh-CN", int width = 1280, int height = 900)
    {
        Skip.If(UnavailableReason is not null, UnavailableReason);
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString().TrimEnd('/'),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
