using System.Diagnostics;
using System.Diagnostics.Metrics;
using ShowroomActors.Actors.Metrics;

namespace ShowroomActors.Actors.Shelves;

/// <summary>
/// <c>showroom_display_lift_to_screen_seconds</c>: from the slot entity taking a sensor batch that changes what its
/// screen shows (a lift, a return) until the display change is published to the slot's topic, i.e. the journal write
/// plus the slot's own work. The HTTP part before it (parsing, the hop to the slot's node) is in ASP.NET's
/// <c>http_server_request_duration_seconds</c>; the screen's SSE delivery after it is not measured here.
/// </summary>
public static class DisplayMetrics
{
    private static readonly Histogram<double> LiftToScreen = ShowroomMeter.SecondsHistogram(
        "showroom.display.lift_to_screen", "Time from a slot taking a sensor batch to publishing the display change it caused.");

    public static void Published(long receivedTimestamp) =>
        LiftToScreen.Record(Stopwatch.GetElapsedTime(receivedTimestamp).TotalSeconds);
}
