using System.Text.Json;

namespace ShowroomActors.Host.Tests.Support;

/// <summary>Order and stock helpers for host tests.</summary>
public static class Orders
{
    /// <summary>Registers a product priced <paramref name="priceFen"/> and receives <paramref name="stock"/> units.</summary>
    public static async Task AddProductAsync(this TestShowroom showroom, string productId, int stock, long priceFen = 3680)
    {
        var product = SampleProducts.Fuzhu(productId);
        product["priceFen"] = priceFen;
        var registered = await showroom.PostAsync("/api/v1/products", product);
        Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        if (stock == 0) return;
        var received = await showroom.PostAsync($"/api/v1/products/{productId}/stock", new { quantity = stock, batch = "B-1" });
        Assert.Equal(System.Net.HttpStatusCode.OK, received.StatusCode);
    }

    /// <summary>Registers budget unit <paramref name="buyerId"/> and puts <paramref name="productId"/> on slot <paramref name="slotId"/> (no sensor).</summary>
    public static async Task AddBuyerAndSlotAsync(this TestShowroom showroom, string buyerId, string slotId, string productId)
    {
        var buyer = await showroom.PostAsync("/api/v1/buyers", new { buyerId, kind = "budget-unit", name = "盐田区人民医院", jurisdiction = "shenzhen-yantian" });
        Assert.Equal(System.Net.HttpStatusCode.Created, buyer.StatusCode);
        var slot = await showroom.PutAsync($"/api/v1/slots/{slotId}", new { productId });
        Assert.Equal(System.Net.HttpStatusCode.OK, slot.StatusCode);
    }

    public static object Body(params (string ProductId, int Quantity)[] lines) =>
        new { channel = "web", lines = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }).ToArray() };

    /// <summary>POSTs an order with <paramref name="key"/> as its Idempotency-Key (no header when null).</summary>
    public static Task<HttpResponseMessage> PlaceAsync(this TestShowroom showroom, string? key, object body)
    {
        var request = showroom.Request(HttpMethod.Post, "/api/v1/orders", body, key: null);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return showroom.Client.SendAsync(request);
    }

    public static async Task<(int OnHand, int Reserved, int Available)> StockAsync(this TestShowroom showroom, string productId)
    {
        var product = await TestShowroom.JsonAsync(await showroom.GetAsync($"/api/v1/products/{productId}"));
        return (product.GetProperty("onHand").GetInt32(), product.GetProperty("reserved").GetInt32(), product.GetProperty("available").GetInt32());
    }

    public static async Task<JsonElement> OrderAsync(this TestShowroom showroom, string orderId)
    {
        var response = await showroom.GetAsync($"/api/v1/orders/{orderId}", key: null);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await TestShowroom.JsonAsync(response);
    }

    /// <summary>An operator lifecycle step; returns the response.</summary>
    public static Task<HttpResponseMessage> StepAsync(this TestShowroom showroom, string orderId, string step, object? body = null) =>
        showroom.PostAsync($"/api/v1/orders/{orderId}/{step}", body);

    public static async Task<JsonElement> PlaceOkAsync(this TestShowroom showroom, object body)
    {
        var response = await showroom.PlaceAsync(Guid.NewGuid().ToString(), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
