using System.Net;
using Microsoft.AspNetCore.Http;
using Serilog.Events;
using Serilog.Parsing;
using ShowroomActors.Host.Logging;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Foundation;

/// <summary>Issue 19: what the log says, and what it no longer says for ordinary events.</summary>
public sealed class LogNoiseTests
{
    private static LogEvent Event(string sourceContext, string? logSource)
    {
        var properties = new List<LogEventProperty> { new("SourceContext", new ScalarValue(sourceContext)) };
        if (logSource is not null) properties.Add(new LogEventProperty("LogSource", new ScalarValue(logSource)));
        return new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Remoting started"), properties);
    }

    private sealed class Factory : Serilog.Core.ILogEventPropertyFactory
    {
        public LogEventProperty CreateProperty(string name, object? value, bool destructureObjects = false) => new(name, new ScalarValue(value));
    }

    private static string? SourceOf(LogEvent e) => (e.Properties["SourceContext"] as ScalarValue)?.Value as string;

    [Fact]
    public void Akka_lines_from_string_sources_are_named_after_their_source_not_a_placeholder_class()
    {
        var enricher = new AkkaSourceContext();
        var remoting = Event(AkkaSourceContext.Placeholder, "akka.tcp://showroom@127.0.0.1:4053/system/remoting-terminator");
        enricher.Enrich(remoting, new Factory());
        Assert.Equal("akka.tcp://showroom@127.0.0.1:4053/system/remoting-terminator", SourceOf(remoting));

        var unnamed = Event(AkkaSourceContext.Placeholder, logSource: null);
        enricher.Enrich(unnamed, new Factory());
        Assert.Equal("Akka", SourceOf(unnamed));

        var ours = Event("ShowroomActors.Host.Demo.DemoLoader", "whatever");
        enricher.Enrich(ours, new Factory());
        Assert.Equal("ShowroomActors.Host.Demo.DemoLoader", SourceOf(ours));
    }

    [Fact]
    public async Task A_request_the_client_gave_up_on_ends_as_499_at_information_level_not_as_a_500_error()
    {
        var http = new DefaultHttpContext();
        using var aborted = new CancellationTokenSource();
        http.RequestAborted = aborted.Token;
        var middleware = new ClientAbort(async context =>
        {
            await aborted.CancelAsync();
            context.RequestAborted.ThrowIfCancellationRequested();
        });

        await middleware.InvokeAsync(http);

        Assert.Equal(ClientAbort.Status, http.Response.StatusCode);
        Assert.Equal(LogEventLevel.Information, RequestLogLevels.Of(http, error: null));
    }

    [Fact]
    public async Task A_cancellation_the_client_did_not_cause_is_still_a_server_error()
    {
        var http = new DefaultHttpContext();
        var middleware = new ClientAbort(_ => throw new OperationCanceledException("an internal timeout"));

        await Assert.ThrowsAsync<OperationCanceledException>(() => middleware.InvokeAsync(http));
        http.Response.StatusCode = 500;
        Assert.Equal(LogEventLevel.Error, RequestLogLevels.Of(http, new OperationCanceledException()));
        http.Response.StatusCode = 404;
        Assert.Equal(LogEventLevel.Warning, RequestLogLevels.Of(http, error: null));
        http.Response.StatusCode = 200;
        Assert.Equal(LogEventLevel.Debug, RequestLogLevels.Of(http, error: null));
    }

    [Fact]
    public async Task The_favicon_is_served()
    {
        await using var showroom = await TestShowroom.StartAsync();

        var icon = await showroom.GetAsync("/favicon.ico", key: null);

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        Assert.Equal([0, 0, 1, 0], bytes[..4]); // an ICO header: reserved 0, type 1 (icon)
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("https://showroom.example.cn", false)]
    public void Qr_codes_pointing_at_a_loopback_address_are_recognised_for_the_start_up_warning(string url, bool loopback) =>
        Assert.Equal(loopback, PublicUrlCheck.PointsAtLoopback(new Uri(url)));
}
