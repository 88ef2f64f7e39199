namespace ShowroomActors.LoadGen;

/// <summary>The kinds of traffic the generator sends; each gets its own schedule, counters and histogram.</summary>
public enum TrafficKind
{
    /// <summary>A device batch: <c>POST /api/v1/sensor-events</c> with N load-cell or RFID events.</summary>
    Ingest,
    /// <summary>Lift-to-screen: a lift on an idle probe slot, timed until its SSE <c>display</c> frame shows the product.</summary>
    Probe,
    /// <summary><c>POST /api/v1/orders</c>, channel qr, one line for the product on a slot.</summary>
    QrOrder,
    /// <summary><c>POST /api/v1/orders</c>, channel web, one to three lines.</summary>
    WebOrder,
    /// <summary><c>GET /api/v1/buyers/{id}/quota/{year}</c>.</summary>
    Quota,
    /// <summary><c>GET /api/v1/reports/quota/{year}</c>.</summary>
    Report,
    /// <summary><c>POST /api/v1/orders</c> of the <c>orders</c> benchmark (not part of the mix).</summary>
    Order,
}

public static class TrafficKinds
{
    /// <summary>The kinds of the traffic mix (the <c>orders</c> benchmark's kind is not one of them).</summary>
    public static readonly TrafficKind[] All =
        [TrafficKind.Ingest, TrafficKind.Probe, TrafficKind.QrOrder, TrafficKind.WebOrder, TrafficKind.Quota, TrafficKind.Report];

    /// <summary>The name used on the command line, in the table and in the JSON.</summary>
    public static string Name(this TrafficKind kind) => kind switch
    {
        TrafficKind.Ingest => "ingest",
        TrafficKind.Probe => "probe",
        TrafficKind.QrOrder => "qr",
        TrafficKind.WebOrder => "web",
        TrafficKind.Quota => "quota",
        TrafficKind.Report => "report",
        TrafficKind.Order => "order",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string name, out TrafficKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(k.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public static string Names => string.Join(", ", All.Select(k => k.Name()));
}
