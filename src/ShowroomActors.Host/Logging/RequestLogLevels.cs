using Serilog.Events;

namespace ShowroomActors.Host.Logging;

/// <summary>
/// The level of the one line Serilog writes per request: server faults are errors, client errors warnings, a
/// request the client gave up on (<see cref="ClientAbort.Status"/>) only information, and successes debug (under
/// sensor load a line per request would cost CPU).
/// </summary>
public static class RequestLogLevels
{
    public static LogEventLevel Of(HttpContext http, Exception? error) =>
        http.Response.StatusCode == ClientAbort.Status ? LogEventLevel.Information
        : error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
        : http.Response.StatusCode >= 400 ? LogEventLevel.Warning
        : LogEventLevel.Debug;
}
