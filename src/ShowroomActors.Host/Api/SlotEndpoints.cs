using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Shelf slots: <c>/api/v1/slots</c>, the live display stream and the screen page <c>/screens/{slotId}</c>.</summary>
public static class SlotEndpoints
{
    public static void MapSlotEndpoints(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/api/v1/slots").WithTags("Shelves");

        slots.MapPut("/{slotId}", async (string slotId, JsonBody<BindSlotRequest> body, ShelfUseCases shelves, CancellationToken cancel) =>
            (await shelves.BindSlotAsync(slotId, body.Value.ProductId!, body.Value.DeviceId, body.Value.DeviceKey, cancel)).ToOk(SlotResponse.From))
            .RequireOperator();

        slots.MapGet("/{slotId}", async (string slotId, ShelfUseCases shelves, CancellationToken cancel) =>
            (await shelves.GetAsync(slotId, cancel)).ToOk(SlotResponse.From));

        slots.MapGet("/{slotId}/display", async (string slotId, ShelfUseCases shelves, PublicUrls urls, CancellationToken cancel) =>
            (await shelves.GetDisplayAsync(slotId, cancel)).ToOk(display => DisplayResponse.From(display, OrderUrl(urls, slotId))));

        slots.MapGet("/{slotId}/display/stream", DisplayStream.OpenAsync);

        app.MapGet("/screens/{slotId}", IResult (string slotId, IWebHostEnvironment env) =>
            Ids.IsValid(slotId)
                ? Results.File(Path.Combine(env.WebRootPath, "shelf", "screen.html"), "text/html; charset=utf-8")
                : Problems.From(ShelfUseCases.NoSuchSlot(slotId)))
            .ExcludeFromDescription();
    }

    /// <summary>The absolute URL phones open from this slot's QR code (the order page).</summary>
    public static string OrderUrl(PublicUrls urls, string slotId) => urls.For($"/order/{Uri.EscapeDataString(slotId)}");
}
