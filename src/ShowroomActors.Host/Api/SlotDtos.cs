using System.Text.Json;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Host.Api;

/// <summary>Body of <c>PUT /api/v1/slots/{slotId}</c>. <c>deviceId</c> and <c>deviceKey</c> come together or not at all.</summary>
public sealed record BindSlotRequest(string? ProductId, string? DeviceId, string? DeviceKey);

/// <summary>A slot as <c>GET /api/v1/slots/{slotId}</c> shows it.</summary>
public sealed record SlotResponse(
    string SlotId,
    string ProductId,
    bool Lifted,
    int Lifts,
    int Returns,
    int? EstimatedCount,
    DeviceResponse? Device,
    int Orders,
    decimal? ConversionRate)
{
    /// <summary><paramref name="orders"/>: orders placed from this slot's QR page (lift to buy).</summary>
    public static SlotResponse From(SlotState state, DateTimeOffset now, SlotRules rules, int orders) => new(
        state.SlotId,
        state.Product!.ProductId,
        state.Lifted,
        state.Lifts,
        state.Returns,
        state.EstimatedCount,
        state.Device is { } d ? DeviceResponse.From(d, now, rules) : null,
        orders,
        Conversion.Rate(orders, state.Lifts));
}

/// <summary>
/// Lift to buy: the share of lifts that became a placed QR order from the slot, rounded to 4 places; null before the
/// first lift. A shopper may scan the code without lifting anything, so there can be more such orders than lifts;
/// the rate then stays at 1 (every lift converted) rather than claiming more conversions than there were lifts.
/// </summary>
public static class Conversion
{
    public static decimal? Rate(int qrOrders, int lifts) => lifts == 0 ? null : Math.Round((decimal)Math.Min(qrOrders, lifts) / lifts, 4);
}

/// <summary>
/// The slot's device: the contract's <c>{deviceId, online, lastSeq, battery}</c> plus what an operator needs to
/// judge it: the low-battery flag, boot counter, reboots, events lost in gaps, clock skew and when it was last heard.
/// </summary>
public sealed record DeviceResponse(
    string DeviceId,
    bool Online,
    long? LastSeq,
    int? Battery,
    bool BatteryLow,
    long? Boot,
    int Reboots,
    long MissedEvents,
    bool ClockSkewed,
    DateTimeOffset? LastHeardAt)
{
    public static DeviceResponse From(DeviceState d, DateTimeOffset now, SlotRules rules) => new(
        d.DeviceId, d.IsOnlineAt(now, rules), d.LastSeq, d.Battery, d.BatteryLow, d.Boot, d.Reboots, d.MissedEvents, d.ClockSkewed, d.LastHeardAt);
}

/// <summary>What a slot's screen shows: <c>GET …/display</c> and each frame of <c>…/display/stream</c>.</summary>
public sealed record DisplayResponse(string SlotId, string Mode, long Version, DisplayProductResponse? Product, string OrderUrl)
{
    public static DisplayResponse From(SlotDisplay display, string orderUrl) => new(
        display.SlotId,
        display.Mode == DisplayMode.Product ? "product" : "idle",
        display.Version,
        display.Product is { } p ? new DisplayProductResponse(p.ProductId, p.Name, p.Intro, p.OriginCounty, p.Supplier, p.Story, p.PriceFen, p.CertificateNo) : null,
        orderUrl);
}

public sealed record DisplayProductResponse(
    string ProductId, string Name, string Intro, string OriginCounty, string Supplier, string Story, long PriceFen, string? CertificateNo);

/// <summary>
/// Body of <c>POST /api/v1/sensor-events</c> when some event in it is malformed: each event is read on its own, so
/// that one becomes a <c>rejected</c> entry instead of failing the batch.
/// </summary>
public sealed record SensorEventsRequest(List<JsonElement>? Events);

/// <summary>The same body when every event has the right JSON types (the usual case): read in one pass.</summary>
public sealed record SensorEventsBatch(List<SensorEventRequest?>? Events);

/// <summary>One device event on the wire. <c>boot</c> is optional (0): see docs/SHELVES.md.</summary>
public sealed record SensorEventRequest(
    string? DeviceId, string? SlotId, long? Seq, DateTimeOffset? At, string? Type, decimal? WeightGrams, int? Battery, long? Boot);

public sealed record SensorBatchResponse(int Accepted, int Folded, int Duplicates, IReadOnlyList<RejectedEvent> Rejected);

public sealed record RejectedEvent(int Index, string Error);
