using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShowroomActors.OrderBench;

/// <summary>The host calls the benchmark makes: idempotent set-up through the operator API, stock reads, order placement.</summary>
public sealed class BenchClient(HttpClient http, BenchOptions options)
{
    public string ProductId(int i) => string.Create(CultureInfo.InvariantCulture, $"{options.Prefix}-p-{i + 1:00}");

    public string SlotId(int i) => string.Create(CultureInfo.InvariantCulture, $"{options.Prefix}-s-{i + 1:00}");

    public string BuyerId => $"{options.Prefix}-unit";

    public async Task<bool> IsLiveAsync(CancellationToken cancel)
    {
        try
        {
            using var response = await http.GetAsync("/health/live", cancel);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Registers the products (certified, 36.80 yuan), tops their stock up to <paramref name="unitsEach"/>, registers the buyer, binds the slots.</summary>
    public async Task SetUpAsync(int unitsEach, CancellationToken cancel)
    {
        for (var i = 0; i < options.Products; i++)
        {
            var productId = ProductId(i);
            await OperatorAsync(HttpMethod.Post, "/api/v1/products", new
            {
                productId,
                name = $"压测腐竹 {i + 1}",
                category = "dried-beancurd",
                originCounty = "东源县",
                supplier = "东源县义合镇腐竹专业合作社",
                certifiedPovertyAlleviation = true,
                certificateNo = "FP44162520200003",
                priceFen = 3680,
                unitWeightGrams = 540,
                intro = "山泉水手工制作的客家腐竹。",
                story = "合作社吸纳了12户原贫困户务工。",
            }, cancel);
            var available = (await StockAsync(productId, cancel)).Available;
            if (available < unitsEach)
                await OperatorAsync(HttpMethod.Post, $"/api/v1/products/{productId}/stock",
                    new { quantity = unitsEach - available, batch = $"bench-{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}" }, cancel);
            if (options.WithSlot)
                await OperatorAsync(HttpMethod.Put, $"/api/v1/slots/{SlotId(i)}", new { productId }, cancel);
        }
        if (options.WithBuyer)
            await OperatorAsync(HttpMethod.Post, "/api/v1/buyers",
                new { buyerId = BuyerId, kind = "budget-unit", name = "压测预算单位", jurisdiction = "shenzhen-yantian" }, cancel);
    }

    /// <summary>A product's stock; a busy host (503) is asked again for up to a minute.</summary>
    public async Task<(int OnHand, int Reserved, int Available)> StockAsync(string productId, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.GetAsync($"/api/v1/products/{productId}", cancel);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancel);
                continue;
            }
            response.EnsureSuccessStatusCode();
            var product = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement;
            return (product.GetProperty("onHand").GetInt32(), product.GetProperty("reserved").GetInt32(), product.GetProperty("available").GetInt32());
        }
    }

    /// <summary>The body of order number <paramref name="n"/>: one unit of each of <see cref="BenchOptions.Lines"/> products in turn.</summary>
    public object OrderBody(long n)
    {
        var first = (int)(n % options.Products);
        var lines = Enumerable.Range(0, options.Lines)
            .Select(k => new { productId = ProductId((first + k) % options.Products), quantity = 1 })
            .ToArray();
        return new
        {
            buyerId = options.WithBuyer ? BuyerId : null,
            channel = options.WithSlot ? "qr" : "web",
            slotId = options.WithSlot ? SlotId(first) : null,
            lines,
        };
    }

    /// <summary>Places one order under a new Idempotency-Key; returns the HTTP status (0 when the request itself failed).</summary>
    public async Task<int> PlaceAsync(long n, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(OrderBody(n)) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        try
        {
            using var response = await http.SendAsync(request, cancel);
            await response.Content.LoadIntoBufferAsync(cancel);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return 0; // the client's own timeout
        }
    }

    private async Task OperatorAsync(HttpMethod method, string path, object body, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.OperatorKey);
        using var response = await http.SendAsync(request, cancel);
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync(cancel);
        // Registering the same product or buyer again is harmless (2xx); a 409 means it exists with other content.
        if (response.StatusCode == HttpStatusCode.Conflict && path is "/api/v1/products" or "/api/v1/buyers") return;
        throw new InvalidOperationException($"{method} {path} failed: {(int)response.StatusCode} {text}");
    }
}
