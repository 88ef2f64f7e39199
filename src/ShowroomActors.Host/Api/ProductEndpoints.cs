using ShowroomActors.Application.Catalog;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Catalog and stock: <c>/api/v1/products</c>.</summary>
public static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/products").WithTags("Products");

        products.MapPost("/", async (JsonBody<RegisterProductRequest> body, CatalogUseCases catalog, CancellationToken cancel) =>
            (await catalog.RegisterAsync(body.Value.ToCommand(), cancel))
                .ToCreated(entry => $"/api/v1/products/{Uri.EscapeDataString(entry.Product.ProductId)}", ProductResponse.From))
            .RequireOperator();

        products.MapPost("/{productId}/stock", async (string productId, JsonBody<ReceiveStockRequest> body, CatalogUseCases catalog, CancellationToken cancel) =>
            (await catalog.ReceiveStockAsync(body.Value.ToCommand(productId), cancel)).ToOk(ProductResponse.From))
            .RequireOperator();

        products.MapGet("/{productId}", async (string productId, CatalogUseCases catalog, CancellationToken cancel) =>
            (await catalog.GetAsync(productId, cancel)).ToOk(ProductResponse.From));

        products.MapGet("/", async (CatalogUseCases catalog, CancellationToken cancel) =>
            (await catalog.ListAsync(cancel)).ToOk(list => list.Select(ProductResponse.From).ToList()));
    }
}
