using System.Diagnostics.Metrics;
using ShowroomActors.Actors.Metrics;

namespace ShowroomActors.Application.Shelves;

/// <summary>
/// <c>showroom_sensor_readings_total</c> by <c>outcome</c>: <c>accepted</c> (persisted as a row), <c>folded</c> (taken
/// into a slot's steady run), <c>duplicate</c> (a redelivery, ignored) and <c>rejected</c> (refused, the whole batch
/// when the device key was refused or the batch was too large). Counted by <see cref="SensorIngest"/>, so the HTTP
/// and the MQTT ingest both count; readings/s is <c>rate(showroom_sensor_readings_total[1m])</c>.
/// </summary>
public static class SensorMetrics
{
    private static readonly Counter<long> Readings = ShowroomMeter.Meter.CreateCounter<long>(
        "showroom.sensor.readings", description: "Sensor readings ingested, by outcome.");

    private static readonly KeyValuePair<string, object?> Accepted = new("outcome", "accepted");
    private static readonly KeyValuePair<string, object?> Folded = new("outcome", "folded");
    private static readonly KeyValuePair<string, object?> Duplicate = new("outcome", "duplicate");
    private static readonly KeyValuePair<string, object?> Rejected = new("outcome", "rejected");

    public static void Ingested(SensorIngestResult result)
    {
        if (result.Accepted > 0) Readings.Add(result.Accepted, Accepted);
        if (result.Folded > 0) Readings.Add(result.Folded, Folded);
        if (result.Duplicates > 0) Readings.Add(result.Duplicates, Duplicate);
        if (result.Rejected.Count > 0) Readings.Add(result.Rejected.Count, Rejected);
    }

    public static void Refused(int readings)
    {
        if (readings > 0) Readings.Add(readings, Rejected);
    }
}
