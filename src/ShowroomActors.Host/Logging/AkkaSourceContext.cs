using Serilog.Core;
using Serilog.Events;

namespace ShowroomActors.Host.Logging;

/// <summary>
/// Akka's own log lines that come from a string source (remoting, the cluster, ...) reach Serilog with the
/// placeholder class <c>Akka.Event.DummyClassForStringSources</c> as their source context. This enricher replaces
/// it with what Akka.Logger.Serilog passes as <c>LogSource</c> (e.g. <c>Cluster (akka://showroom)</c>), so a line
/// says where it came from.
/// </summary>
public sealed class AkkaSourceContext : ILogEventEnricher
{
    public const string Placeholder = "Akka.Event.DummyClassForStringSources";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.GetValueOrDefault(Constants.SourceContextPropertyName) is not ScalarValue { Value: Placeholder }) return;
        var source = logEvent.Properties.GetValueOrDefault("LogSource") is ScalarValue { Value: string text } && text.Length > 0 ? text : "Akka";
        logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(Constants.SourceContextPropertyName, source));
    }
}
