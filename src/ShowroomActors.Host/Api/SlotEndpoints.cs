using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Shelf slots: <c>/api/v1/slots</c>, the live display stream and the screen page <c>/screens/{slotId}</c>.</summary>
public static class SlotEndpoints
{
    public static void MapSlotEndpoints(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/api/v1/slots").AddEndpointFilter<ProblemFilter>();

        slots.MapPut("/{slotId}", async (string slotId, HttpRequest request, ShelfUseCases shelves) =>
        {
            var body = await RequestJson.ReadAsync<BindSlotRequest>(request);
            var productId = RequestJson.Required(body.ProductId, "productId");
            return (await shelves.BindSlotAsync(slotId, productId, body.DeviceId, body.DeviceKey, request.HttpContext.RequestAborted)).ToOk(SlotResponse.From);
        }).RequireOperator();

        slots.MapGet("/{slotId}", async (string slotId, HttpContext http, ShelfUseCases shelves) =>
            (await shelves.GetAsync(slotId, http.RequestAborted)).ToOk(SlotResponse.From));

        slots.MapGet("/{slotId}/display", async (string slotId, HttpContext http, ShelfUseCases shelves, PublicUrls urls) =>
            (await shelves.GetDisplayAsync(slotId, http.RequestAborted)).ToOk(display => DisplayResponse.From(display, OrderUrl(urls, slotId))));

        slots.MapGet("/{slotId}/display/stream", (string slotId, HttpContext http, DisplayFeed feed, PublicUrls urls) =>
            DisplayStream.RunAsync(slotId, http, feed, OrderUrl(urls, slotId)));

        app.MapGet("/screens/{slotId}", (string slotId, IWebHostEnvironment env) =>
            Ids.IsValid(slotId)
                ? Results.File(Path.Combine(env.WebRootPath, "shelf", "screen.html"), "text/html; charset=utf-8")
                : Problems.From(ShelfUseCases.NoSuchSlot(slotId)));
    }

    /// <summary>The absolute URL phones open from this slot's QR code (the order page).</summary>
    public static string OrderUrl(PublicUrls urls, string slotId) => urls.For($"/order/{Uri.EscapeDataString(slotId)}");
}
