using System.Net;
using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Audit;

/// <summary>
/// For every aggregate (slot, buyer, order; the product has its own test), the state the audit replays as of an
/// instant is exactly the live state the entity held at that instant: the view of the replayed state is the view the
/// entity answered with then, the same JSON, field for field.
/// </summary>
public sealed class StateAsOfEveryAggregateTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 4, 1, 0, 0, TimeSpan.Zero));
    private readonly List<(string Pid, DateTimeOffset At, string LiveJson)> _observed = [];

    [Fact]
    public async Task Audit_state_as_of_equals_the_live_state_for_slots_buyers_and_orders()
    {
        await using var showroom = await TestShowroom.StartAsync(clock: _clock, extraHocon: ShelfHost.ShortTimings);
        var productId = await ShelfHost.BindAsync(showroom, "D-01", "rfid-d01", "key-of-rfid-d01", "leye-kiwi");
        Assert.Equal(HttpStatusCode.OK, (await showroom.PostAsync($"/api/v1/products/{productId}/stock", new { quantity = 30, batch = "B-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/buyers",
            new { buyerId = "unit-d", kind = "budget-unit", name = "盐田区某医院", jurisdiction = "shenzhen-yantian" })).StatusCode);
        await ObserveAsync(showroom, "slot-D-01", new GetSlot("D-01"), showroom.System.Slots);
        await ObserveAsync(showroom, "buyer-unit-d", new GetBuyer("unit-d"), showroom.System.Buyers);

        Tick();
        var lifts = Enumerable.Range(1, 3).Select(i => ShelfHost.Event("D-01", "rfid-d01", i, i == 2 ? "returned" : "lifted", at: _clock.GetUtcNow())).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await ShelfHost.PostEventsAsync(showroom, "key-of-rfid-d01", lifts)).StatusCode);
        Assert.True((await showroom.PutAsync("/api/v1/buyers/unit-d/plans/2026", new { canteenFoodBudgetFen = 2_000_000, hasCanteen = true })).IsSuccessStatusCode);
        await ObserveAsync(showroom, "slot-D-01", new GetSlot("D-01"), showroom.System.Slots);
        await ObserveAsync(showroom, "buyer-unit-d", new GetBuyer("unit-d"), showroom.System.Buyers);

        Tick();
        var placed = await showroom.PlaceAsync("order-d-1", new { channel = "qr", slotId = "D-01", lines = new[] { new { productId, quantity = 2 } } });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await TestShowroom.JsonAsync(placed)).GetProperty("orderId").GetString()!;
        await ObserveAsync(showroom, $"order-{orderId}", new GetOrder(orderId), showroom.System.Orders);

        Tick();
        var total = (await TestShowroom.JsonAsync(await showroom.GetAsync($"/api/v1/orders/{orderId}"))).GetProperty("totalFen").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await showroom.PostAsync($"/api/v1/orders/{orderId}/pay", new { amountFen = total, paymentRef = "wx-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/buyers/unit-d/external-purchases",
            new { reference = "INV-9", amountFen = 5_000, certified = true, at = "2026-05-01T00:00:00Z" })).StatusCode);
        await ObserveAsync(showroom, $"order-{orderId}", new GetOrder(orderId), showroom.System.Orders);
        await ObserveAsync(showroom, "buyer-unit-d", new GetBuyer("unit-d"), showroom.System.Buyers);
        Tick();

        foreach (var (pid, at, liveJson) in _observed)
        {
            var asOf = await TestShowroom.JsonAsync(await showroom.GetAsync(
                $"/api/v1/audit/streams/{pid}/state?at={Uri.EscapeDataString(at.ToString("O"))}", TestShowroom.AuditorKey));
            Assert.Equal(liveJson, ViewJson(showroom, pid, asOf.GetProperty("state").GetRawText(), at));
        }
        Assert.Equal(7, _observed.Count);
    }

    private void Tick() => _clock.Advance(TimeSpan.FromMinutes(5));

    /// <summary>Reads the entity's live view now and remembers it with the instant.</summary>
    private async Task ObserveAsync(TestShowroom showroom, string pid, IEntityCommand get, IActorRef region)
    {
        var reply = await region.Ask<IEntityReply>(get, TimeSpan.FromSeconds(10));
        Assert.Null(reply.RejectionOrNull());
        _observed.Add((pid, _clock.GetUtcNow(), Json(reply)));
    }

    /// <summary>The reply the entity gives for a state: the view of the state the audit replayed.</summary>
    private static string ViewJson(TestShowroom showroom, string pid, string stateJson, DateTimeOffset at)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(stateJson);
        IEntityReply reply = pid.Split('-')[0] switch
        {
            "slot" => new SlotReply.Viewed(SlotView.Of(State<SlotState>("slot.state.v1", bytes), at, showroom.System.Shelves.Rules)),
            "buyer" => new BuyerReply.Account(BuyerView.Of(State<BuyerState>("buyer.state.v1", bytes))),
            "order" => new OrderReply.Viewed(OrderView.Of(State<OrderState>("order.state.v1", bytes))),
            var type => throw new ArgumentException($"No view for {type}"),
        };
        return Json(reply);
    }

    private static T State<T>(string manifest, byte[] json) => (T)MessageRegistry.Find(manifest).FromJson(json);

    private static string Json(object message) => JsonDocument.Parse(MessageRegistry.Find(message.GetType()).ToJson(message)).RootElement.GetRawText();
}
