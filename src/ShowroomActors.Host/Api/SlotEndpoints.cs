using Akka.Actor;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Shelf slots: <c>/api/v1/slots</c>, the live display stream and the screen page <c>/screens/{slotId}</c>.</summary>
public static class SlotEndpoints
{
    public static void MapSlotEndpoints(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/api/v1/slots").AddEndpointFilter<ProblemFilter>();

        slots.MapPut("/{slotId}", async (string slotId, HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await RequestJson.ReadAsync<BindSlotRequest>(request);
            var command = await SlotBinding.CommandAsync(showroom, slotId, body, request.HttpContext.RequestAborted);
            var state = await showroom.AskForAsync<SlotState>(showroom.Slots, command, request.HttpContext.RequestAborted);
            return Results.Ok(SlotResponse.From(state, showroom.Clock.GetUtcNow(), showroom.Shelves.Rules, await OrdersFromAsync(showroom, slotId)));
        }).RequireOperator();

        slots.MapGet("/{slotId}", async (string slotId, HttpContext http, ShowroomSystem showroom) =>
        {
            var state = await showroom.AskForAsync<SlotState>(showroom.Slots, new GetSlot(KnownFormat(slotId)), http.RequestAborted);
            return Results.Ok(SlotResponse.From(state, showroom.Clock.GetUtcNow(), showroom.Shelves.Rules, await OrdersFromAsync(showroom, slotId)));
        });

        slots.MapGet("/{slotId}/display", async (string slotId, HttpContext http, ShowroomSystem showroom, PublicUrls urls) =>
        {
            var display = await showroom.AskForAsync<SlotDisplay>(showroom.Slots, new GetDisplay(KnownFormat(slotId)), http.RequestAborted);
            return Results.Ok(DisplayResponse.From(display, OrderUrl(urls, slotId)));
        });

        slots.MapGet("/{slotId}/display/stream", (string slotId, HttpContext http, ShowroomSystem showroom, PublicUrls urls) =>
            DisplayStream.RunAsync(KnownFormat(slotId), http, showroom, OrderUrl(urls, slotId)));

        app.MapGet("/screens/{slotId}", (string slotId, IWebHostEnvironment env) =>
            Ids.IsValid(slotId)
                ? Results.File(Path.Combine(env.WebRootPath, "shelf", "screen.html"), "text/html; charset=utf-8")
                : Problems.Of(StatusCodes.Status404NotFound, "Not found", $"There is no slot '{slotId}'.", "slotId"));
    }

    /// <summary>The absolute URL phones open from this slot's QR code (the order page).</summary>
    public static string OrderUrl(PublicUrls urls, string slotId) => urls.For($"/order/{Uri.EscapeDataString(slotId)}");

    /// <summary>A slot id that cannot exist is a 404 before any entity is started for it.</summary>
    private static string KnownFormat(string slotId) =>
        Ids.IsValid(slotId)
            ? slotId
            : throw new ProblemException(Problems.Of(StatusCodes.Status404NotFound, "Not found", $"There is no slot '{slotId}'.", "slotId"));

    /// <summary>Orders placed from the slot's QR page, from this node's conversion index.</summary>
    private static async Task<int> OrdersFromAsync(ShowroomSystem showroom, string slotId) =>
        (await showroom.Conversions.Ask<ConversionIndex.SlotConversions>(new ConversionIndex.GetSlotConversions(slotId), showroom.AskTimeout)).Orders;
}
