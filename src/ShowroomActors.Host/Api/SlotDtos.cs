using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Body of <c>PUT /api/v1/slots/{slotId}</c>. <c>deviceId</c> and <c>deviceKey</c> come together or not at all.</summary>
public sealed record BindSlotRequest(string? ProductId, string? DeviceId, string? DeviceKey) : IRequestBody<BindSlotRequest>
{
    public Rejection? Validate() => Required.Missing(("productId", ProductId));
}

/// <summary>A slot as <c>GET /api/v1/slots/{slotId}</c> shows it.</summary>
public sealed record SlotResponse(
    string SlotId,
    string ProductId,
    bool Lifted,
    int Lifts,
    int Returns,
    int? EstimatedCount,
    DeviceView? Device,
    int Orders,
    decimal? ConversionRate)
{
    /// <summary>Orders: those placed from this slot's QR page (lift to buy).</summary>
    public static SlotResponse From(SlotOverview overview)
    {
        var slot = overview.Slot;
        return new SlotResponse(slot.SlotId, slot.Product.ProductId, slot.Lifted, slot.Lifts, slot.Returns, slot.EstimatedCount,
            slot.Device, overview.Orders, overview.ConversionRate);
    }
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

/// <summary>Body of <c>POST /api/v1/sensor-events</c> as OpenAPI describes it (read by <see cref="SensorBatchJson"/>, event by event).</summary>
public sealed record SensorEventsBody(IReadOnlyList<SensorEventRequest> Events);

/// <summary>The answer of <c>POST /api/v1/sensor-events</c>: <c>{accepted, folded, duplicates, rejected}</c>.</summary>
public sealed record SensorBatchResponse(int Accepted, int Folded, int Duplicates, IReadOnlyList<RejectedEvent> Rejected)
{
    public static SensorBatchResponse From(SensorIngestResult result) =>
        new(result.Accepted, result.Folded, result.Duplicates, RejectedEvent.From(result));
}

public sealed record RejectedEvent(int Index, string Error)
{
    public static IReadOnlyList<RejectedEvent> From(SensorIngestResult result) =>
        result.Rejected.Select(r => new RejectedEvent(r.Index, r.Why.Message)).ToList();
}
