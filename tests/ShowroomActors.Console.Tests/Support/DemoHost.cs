namespace ShowroomActors.Console.Tests.Support;

/// <summary>One demo host shared by the tests of a class (each test signs in with a fresh browser context).</summary>
public class DemoHost : IAsyncLifetime
{
    protected virtual string? ExtraHocon => null;

    public ConsoleHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ConsoleHost.StartAsync(ExtraHocon);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
