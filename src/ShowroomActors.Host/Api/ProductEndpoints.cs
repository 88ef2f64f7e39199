using ShowroomActors.Application.Catalog;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Catalog and stock: <c>/api/v1/products</c>.</summary>
public static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/products").AddEndpointFilter<ProblemFilter>();

        products.MapPost("/", async (HttpRequest request, CatalogUseCases catalog) =>
        {
            var body = await RequestJson.ReadAsync<RegisterProductRequest>(request);
            var registered = await catalog.RegisterAsync(body.ToCommand(), request.HttpContext.RequestAborted);
            return registered.ToResult(entry => Results.Created($"/api/v1/products/{entry.Product.ProductId}", ProductResponse.From(entry)));
        }).RequireOperator();

        products.MapPost("/{productId}/stock", async (string productId, HttpRequest request, CatalogUseCases catalog) =>
        {
            var body = await RequestJson.ReadAsync<ReceiveStockRequest>(request);
            var command = new ReceiveStock(productId,
                RequestJson.Required(body.Quantity, "quantity"),
                RequestJson.Required(body.Batch, "batch"));
            return (await catalog.ReceiveStockAsync(command, request.HttpContext.RequestAborted)).ToOk(ProductResponse.From);
        }).RequireOperator();

        products.MapGet("/{productId}", async (string productId, HttpContext http, CatalogUseCases catalog) =>
            (await catalog.GetAsync(productId, http.RequestAborted)).ToOk(ProductResponse.From));

        products.MapGet("/", async (HttpContext http, CatalogUseCases catalog) =>
            (await catalog.ListAsync(http.RequestAborted)).ToOk(list => list.Select(ProductResponse.From).ToList()));
    }
}
