using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

namespace ShowroomActors.Host.Api;

/// <summary>Shelf slots: <c>/api/v1/slots</c>, the live display stream and the screen page <c>/screens/{slotId}</c>.</summary>
public static class SlotEndpoints
{
    public static void MapSlotEndpoints(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/api/v1/slots").WithTags("Shelves");

        slots.MapPut("/{slotId}", async (string slotId, JsonBody<BindSlotRequest> body, ShelfUseCases shelves, CancellationToken cancel) =>
            (await shelves.BindSlotAsync(slotId, body.Value.ProductId!, body.Value.DeviceId, body.Value.DeviceKey, cancel)).ToOk(SlotResponse.From))
            .RequireOperator()
            .WithSummary("Put a product on a slot and bind its sensor device (deviceId and deviceKey together, or neither).")
            .WithExample(new ApiExample(200, "/api/v1/slots/A-01", new { productId = "dongyuan-simiao-rice-5kg", deviceId = "lc-a01", deviceKey = "demo-device-key-lc-a01" }, "operator"));

        slots.MapGet("/{slotId}", async (string slotId, ShelfUseCases shelves, CancellationToken cancel) =>
            (await shelves.GetAsync(slotId, cancel)).ToOk(SlotResponse.From))
            .WithSummary("A slot: its product, pickups, stock estimate, device health and QR orders.")
            .WithExample(new ApiExample(200, "/api/v1/slots/A-01"));

        slots.MapGet("/{slotId}/display", async (string slotId, ShelfUseCases shelves, PublicUrls urls, CancellationToken cancel) =>
            (await shelves.GetDisplayAsync(slotId, cancel)).ToOk(display => DisplayResponse.From(display, OrderUrl(urls, slotId))))
            .WithSummary("What the slot's screen shows now.")
            .WithExample(new ApiExample(200, "/api/v1/slots/A-01/display"));

        slots.MapGet("/{slotId}/display/stream", DisplayStream.OpenAsync)
            .WithSummary("Server-Sent Events: an `event: display` frame per display version (`id` = version); `Last-Event-ID` resumes; idle streams get `keep-alive` events.");

        app.MapGet("/screens/{slotId}", IResult (string slotId, IWebHostEnvironment env) =>
            Ids.IsValid(slotId)
                ? Results.File(Path.Combine(env.WebRootPath, "shelf", "screen.html"), "text/html; charset=utf-8")
                : Problems.From(ShelfUseCases.NoSuchSlot(slotId)))
            .ExcludeFromDescription();
    }

    /// <summary>The absolute URL phones open from this slot's QR code (the order page).</summary>
    public static string OrderUrl(PublicUrls urls, string slotId) => urls.For($"/order/{Uri.EscapeDataString(slotId)}");
}
