using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Support;

/// <summary>
/// A TestKit whose actor system uses the real configuration (hocon/) on the journal <see cref="Settings"/>
/// name: a temporary SQLite file, or a PostgreSQL database. Entities are created directly with ActorOf (no
/// sharding), so stop-and-recover can be driven by the test.
/// </summary>
public abstract class ShowroomTestKit : TestKit
{
    protected ShowroomTestKit(ShowroomSettings settings, ITestOutputHelper output, string? extraHocon = null)
        : base(BuildConfig(settings, extraHocon), "showroom", output)
    {
        Settings = settings;
    }

    protected ShowroomSettings Settings { get; }

    public static ShowroomSettings TempSqlite() => new()
    {
        DataDir = Path.Combine(Path.GetTempPath(), "showroom-actor-tests", Guid.NewGuid().ToString("N")),
        AkkaPort = 0,
    };

    private static Config BuildConfig(ShowroomSettings settings, string? extraHocon)
    {
        JournalStore.Prepare(settings);
        // The TestKit's own logger, a quieter log level and no remoting; everything else is production configuration.
        var test = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.loggers = ["Akka.TestKit.TestEventListener, Akka.TestKit"]
            akka.actor.provider = local
            # The first message of a test also initialises the SQLite journal; on 2 loaded cores with test classes
            # running in parallel that can take longer than the TestKit's default 3 s.
            akka.test.single-expect-default = 10s
            """);
        var extra = extraHocon is null ? test : ConfigurationFactory.ParseString(extraHocon).WithFallback(test);
        return ShowroomConfig.Build(settings, extra);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        if (Settings.UsesPostgres) return;
        try { Directory.Delete(Settings.DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A <see cref="ShowroomTestKit"/> on a new temporary SQLite file.</summary>
public abstract class SqliteTestKit(ITestOutputHelper output, string? extraHocon = null)
    : ShowroomTestKit(TempSqlite(), output, extraHocon);
