using ShowroomActors.Application.Catalog;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

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
            .RequireOperator()
            .WithSummary("Register a product (the same details again are harmless; other details: 409).")
            .WithExample(new ApiExample(201, Key: "operator", Body: new
            {
                productId = "example-lingyun-baihao-tea-100g", name = "凌云白毫茶 100g", category = "tea", originCounty = "凌云县",
                supplier = "凌云县白毫茶专业合作社", certifiedPovertyAlleviation = true, certificateNo = "FP45102720200001", priceFen = 12800,
                unitWeightGrams = 160, intro = "高山云雾白毫茶。", story = "合作社带动45户茶农增收。",
            }));

        products.MapPost("/{productId}/stock", async (string productId, JsonBody<ReceiveStockRequest> body, CatalogUseCases catalog, CancellationToken cancel) =>
            (await catalog.ReceiveStockAsync(body.Value.ToCommand(productId), cancel)).ToOk(ProductResponse.From))
            .RequireOperator()
            .WithSummary("Receive a batch of stock (a batch is received once; the same batch again is harmless).")
            .WithExample(new ApiExample(200, "/api/v1/products/dongyuan-simiao-rice-5kg/stock", new { quantity = 20, batch = "DY-2026-11-001" }, "operator"));

        products.MapGet("/{productId}", async (string productId, CatalogUseCases catalog, CancellationToken cancel) =>
            (await catalog.GetAsync(productId, cancel)).ToOk(ProductResponse.From))
            .WithSummary("A product with its stock and lift to buy (read from the product itself).")
            .WithExample(new ApiExample(200, "/api/v1/products/dongyuan-simiao-rice-5kg"));

        products.MapGet("/", async (CatalogUseCases catalog, CancellationToken cancel) =>
            (await catalog.ListAsync(cancel)).ToOk(list => list.Select(ProductResponse.From).ToList()))
            .WithSummary("Every registered product with stock and lift to buy (from the catalog read model, well under a second behind).")
            .WithExample(new ApiExample(200));
    }
}
