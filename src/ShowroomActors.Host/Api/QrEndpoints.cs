using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>GET /qr/{slotId}.png</c> and <c>.svg</c>: the QR code of a slot's order page, and <c>GET /order/{slotId}</c>:
/// the phone order page itself (static wwwroot/order.html; it reads the slot and product from the API). A code is
/// drawn only for a slot that is set up (an unknown slot is a 404 problem, so a typo is not printed onto a shelf
/// label); its payload is only the order page's URL, so it stays valid whatever the slot holds later.
/// </summary>
public static class QrEndpoints
{
    public static void MapQrEndpoints(this IEndpointRouteBuilder app)
    {
        // One route for both formats: slot ids may contain dots, so the extension is split off here.
        app.MapGet("/qr/{file}", async Task<IResult> (string file, PublicUrls urls, ShelfUseCases shelves, HttpContext http) =>
        {
            var extension = Path.GetExtension(file);
            var slotId = file[..^extension.Length];
            if (extension is not (".png" or ".svg"))
                return Problems.Of(StatusCodes.Status404NotFound, "Not found", "QR codes are served as /qr/{slotId}.png or /qr/{slotId}.svg.", "file");
            if (Ids.Check(slotId, "slotId") is { } invalid) return Problems.From(invalid);
            if ((await shelves.GetDisplayAsync(slotId, http.RequestAborted)).Rejection is { } rejection)
                return Problems.From(rejection);
            var payload = QrCodes.OrderPageUrl(urls, slotId);
            http.Response.Headers.CacheControl = "public, max-age=300";
            return extension == ".png"
                ? Results.Bytes(QrCodes.Png(payload), "image/png")
                : Results.Text(QrCodes.Svg(payload), "image/svg+xml; charset=utf-8");
        }).ExcludeFromDescription();

        app.MapGet("/order/{slotId}", IResult (string slotId, IWebHostEnvironment environment) =>
            Ids.Check(slotId, "slotId") is { } invalid
                ? Problems.From(invalid)
                : Results.File(Path.Combine(environment.WebRootPath, "order.html"), "text/html; charset=utf-8")).ExcludeFromDescription();
    }
}
