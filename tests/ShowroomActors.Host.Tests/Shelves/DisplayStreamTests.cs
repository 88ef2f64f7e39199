using System.Net;
using Akka.Actor;
using Akka.Event;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Shelves;

public sealed class DisplayStreamTests(ShelfHost host) : IClassFixture<ShelfHost>
{
    private TestShowroom Showroom => host.Showroom;

    private static string Stream(string slotId) => $"/api/v1/slots/{slotId}/display/stream";

    [Fact]
    public async Task The_first_frame_is_the_current_state_and_a_lift_arrives_as_the_next_frame()
    {
        var productId = await host.BindAsync("sse-1", "rfid-sse-1", "key-of-rfid-sse-1");
        await using var sse = await SseClient.OpenAsync(Showroom.Client, Stream("sse-1"));
        Assert.Equal(HttpStatusCode.OK, sse.Response.StatusCode);
        Assert.Equal("text/event-stream", sse.Response.Content.Headers.ContentType?.MediaType);

        var (firstId, first) = await sse.NextAsync();
        Assert.Equal(0, firstId);
        Assert.Equal("idle", first.GetProperty("mode").GetString());
        Assert.Equal("sse-1", first.GetProperty("slotId").GetString());

        var posted = await host.PostEventsAsync("key-of-rfid-sse-1", ShelfHost.Event("sse-1", "rfid-sse-1", 0, "lifted"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var (id, frame) = await sse.NextAsync();
        Assert.Equal(1, id);
        Assert.Equal(1, frame.GetProperty("version").GetInt64());
        Assert.Equal("product", frame.GetProperty("mode").GetString());
        var product = frame.GetProperty("product");
        Assert.Equal(productId, product.GetProperty("productId").GetString());
        Assert.Equal("东源客家腐竹 500g", product.GetProperty("name").GetString());
        foreach (var field in new[] { "intro", "originCounty", "supplier", "story", "certificateNo" })
            Assert.False(string.IsNullOrEmpty(product.GetProperty(field).GetString()), field);
        Assert.Equal(3680, product.GetProperty("priceFen").GetInt64());
        Assert.EndsWith("/order/sse-1", frame.GetProperty("orderUrl").GetString());

        // The put-back: the screen lingers (400 ms in tests), then goes idle as version 2.
        await host.PostEventsAsync("key-of-rfid-sse-1", ShelfHost.Event("sse-1", "rfid-sse-1", 1, "returned"));
        var (idleId, idle) = await sse.NextAsync();
        Assert.Equal((2L, "idle"), (idleId, idle.GetProperty("mode").GetString()));
        // An idle stream gets keep-alive events (screens listen to display events only), carrying the display last sent.
        Assert.Contains(sse.KeepAlives, k => k.GetProperty("version").GetInt64() == 1);
    }

    [Fact]
    public async Task Resuming_with_Last_Event_ID_skips_what_the_screen_has_and_sends_what_it_missed()
    {
        await host.BindAsync("sse-2", "rfid-sse-2", "key-of-rfid-sse-2");
        await host.PostEventsAsync("key-of-rfid-sse-2", ShelfHost.Event("sse-2", "rfid-sse-2", 0, "lifted"));

        // Up to date (version 1): no repeat of the current state; the next change comes as the next frame.
        await using (var upToDate = await SseClient.OpenAsync(Showroom.Client, Stream("sse-2"), lastEventId: "1"))
        {
            await host.PostEventsAsync("key-of-rfid-sse-2", ShelfHost.Event("sse-2", "rfid-sse-2", 1, "returned"));
            var (id, frame) = await upToDate.NextAsync();
            Assert.Equal((2L, "idle"), (id, frame.GetProperty("mode").GetString()));
        }

        // Behind (saw version 0): the current state (version 2) comes first.
        await using var behind = await SseClient.OpenAsync(Showroom.Client, Stream("sse-2"), lastEventId: "0");
        Assert.Equal(2, (await behind.NextAsync()).Id);
    }

    [Fact]
    public async Task Load_cell_readings_reach_the_screen_as_a_product_frame()
    {
        await host.BindAsync("sse-3", "lc-sse-3", "key-of-lc-sse-3");
        await using var sse = await SseClient.OpenAsync(Showroom.Client, Stream("sse-3"));
        await sse.NextAsync();
        var t0 = DateTimeOffset.UtcNow;
        long seq = 0;
        async Task Weigh(long grams, int readings)
        {
            for (var i = 0; i < readings; i++, seq++)
                await host.PostEventsAsync("key-of-lc-sse-3", ShelfHost.Event("sse-3", "lc-sse-3", seq, "weight", grams + (i % 3) - 1, at: t0.AddMilliseconds(100 * seq)));
        }

        await Weigh(5400, 5);
        await Weigh(4860, 5);
        var (id, frame) = await sse.NextAsync();
        Assert.Equal(1, id);
        Assert.Equal("product", frame.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task The_subscription_ends_when_the_screen_disconnects_without_a_dead_letter()
    {
        await host.BindAsync("sse-4", "rfid-sse-4", "key-of-rfid-sse-4");
        var deadLetters = new System.Collections.Concurrent.ConcurrentQueue<DeadLetter>();
        var listener = Showroom.System.System.ActorOf(Props.Create(() => new DeadLetterListener(deadLetters)));
        Showroom.System.System.EventStream.Subscribe(listener, typeof(DeadLetter));
        var mediator = Showroom.System.PubSub;
        var topic = Actors.Shelves.DisplayTopics.For("sse-4");
        async Task<int> Subscribers()
        {
            var count = await mediator.Ask<int>(new Akka.Cluster.Tools.PublishSubscribe.Internal.CountSubscribers(topic), TimeSpan.FromSeconds(3));
            return count;
        }

        var sse = await SseClient.OpenAsync(Showroom.Client, Stream("sse-4"));
        await sse.NextAsync();
        Assert.Equal(1, await Subscribers());
        await sse.DisposeAsync();
        await TestShowroom.EventuallyAsync(async () => await Subscribers() == 0, TimeSpan.FromSeconds(5), "the subscriber to leave the topic");
        await Task.Delay(300);
        Assert.DoesNotContain(deadLetters, d => d.Message.ToString()!.Contains(topic, StringComparison.Ordinal));
        Showroom.System.System.Stop(listener);
    }

    private sealed class DeadLetterListener : ReceiveActor
    {
        public DeadLetterListener(System.Collections.Concurrent.ConcurrentQueue<DeadLetter> seen) => Receive<DeadLetter>(seen.Enqueue);
    }
}
