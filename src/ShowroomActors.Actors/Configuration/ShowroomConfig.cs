using System.Text;
using Akka.Configuration;
using Akka.Persistence.Sql;

namespace ShowroomActors.Actors.Configuration;

/// <summary>
/// Builds the Akka configuration: the HOCON files of hocon/, loaded one by one and chained with WithFallback
/// (HOCON <c>include</c> is broken in Akka 1.5.74), under an overlay computed from <see cref="ShowroomSettings"/>.
/// Order, strongest first: extra (tests) → settings overlay → persistence.{sqlite|postgres}.conf → cluster.conf
/// → showroom.conf → Akka.Persistence.Sql defaults.
/// </summary>
public static class ShowroomConfig
{
    public static string HoconDirectory => Path.Combine(AppContext.BaseDirectory, "hocon");

    public static Config Build(ShowroomSettings settings, Config? extra = null)
    {
        var persistenceFile = settings.UsesPostgres ? "persistence.postgres.conf" : "persistence.sqlite.conf";
        var config = Overlay(settings)
            .WithFallback(Load(persistenceFile))
            .WithFallback(Load("cluster.conf"))
            .WithFallback(Load("showroom.conf"))
            .WithFallback(SqlPersistence.DefaultConfiguration);
        return extra is null ? config : extra.WithFallback(config);
    }

    public static Config Load(string fileName)
    {
        var path = Path.Combine(HoconDirectory, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"HOCON file missing: {path}", path);
        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }

    /// <summary>The settings that come from the environment, as HOCON.</summary>
    public static Config Overlay(ShowroomSettings settings)
    {
        var connection = settings.UsesPostgres ? settings.PostgresConnection! : settings.SqliteConnection;
        var hocon = new StringBuilder()
            .AppendLine($"akka.remote.dot-netty.tcp.hostname = {Quote(settings.AkkaHost)}")
            .AppendLine($"akka.remote.dot-netty.tcp.port = {settings.AkkaPort}")
            .AppendLine($"akka.cluster.seed-nodes = [{string.Join(", ", settings.Seeds.Select(Quote))}]")
            .AppendLine($"akka.persistence.journal.sql.connection-string = {Quote(connection)}")
            .AppendLine($"akka.persistence.snapshot-store.sql.connection-string = {Quote(connection)}")
            .AppendLine($"akka.persistence.query.journal.sql.connection-string = {Quote(connection)}")
            .AppendLine($"showroom.audit.signing-key-file = {Quote(settings.AuditKeyPath)}");
        return ConfigurationFactory.ParseString(hocon.ToString());
    }

    /// <summary>A HOCON quoted string.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
