using Akka.Actor;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Catalog and stock: <c>/api/v1/products</c>.</summary>
public static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/products").AddEndpointFilter<ProblemFilter>();

        products.MapPost("/", async (HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await RequestJson.ReadAsync<RegisterProductRequest>(request);
            var command = body.ToCommand();
            var state = await showroom.AskForAsync<ProductState>(showroom.Products, command, request.HttpContext.RequestAborted);
            return Results.Created($"/api/v1/products/{state.ProductId}", await ResponseAsync(showroom, state, request.HttpContext.RequestAborted));
        }).RequireOperator();

        products.MapPost("/{productId}/stock", async (string productId, HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await RequestJson.ReadAsync<ReceiveStockRequest>(request);
            var command = new ReceiveStock(productId,
                RequestJson.Required(body.Quantity, "quantity"),
                RequestJson.Required(body.Batch, "batch"));
            var state = await showroom.AskForAsync<ProductState>(showroom.Products, command, request.HttpContext.RequestAborted);
            return Results.Ok(await ResponseAsync(showroom, state, request.HttpContext.RequestAborted));
        }).RequireOperator();

        products.MapGet("/{productId}", async (string productId, HttpContext http, ShowroomSystem showroom) =>
        {
            var state = await showroom.AskForAsync<ProductState>(showroom.Products, new GetProduct(productId), http.RequestAborted);
            return Results.Ok(await ResponseAsync(showroom, state, http.RequestAborted));
        });

        products.MapGet("/", async (HttpContext http, ShowroomSystem showroom) =>
        {
            var index = await showroom.CatalogIndex.Ask<CatalogIndex.ProductIds>(new CatalogIndex.ListProductIds(), showroom.AskTimeout, http.RequestAborted);
            var states = await Task.WhenAll(index.Ids.Select(id =>
                showroom.AskForAsync<ProductState>(showroom.Products, new GetProduct(id), http.RequestAborted)));
            return Results.Ok(await Task.WhenAll(states.Select(state => ResponseAsync(showroom, state, http.RequestAborted))));
        });
    }

    private static async Task<ProductResponse> ResponseAsync(ShowroomSystem showroom, ProductState state, CancellationToken cancel) =>
        ProductResponse.From(state, await LiftToBuy.ReadAsync(showroom, state.ProductId, cancel));
}
