using System.Diagnostics;
using System.Text;
using ShowroomActors.Client;
using ShowroomActors.LoadGen;

namespace ShowroomActors.LoadGen.Tests;

public sealed class PureLogicTests
{
    [Fact]
    public void The_ingest_answer_is_read_without_a_document()
    {
        Assert.True(IngestAnswer.TryParse("""{"accepted":18,"duplicates":1,"rejected":[{"index":3,"error":"x"}]}"""u8, out var answer));
        Assert.Equal(new IngestAnswer(18, 1, 1), answer);
        Assert.True(IngestAnswer.TryParse("""{"accepted":2,"folded":17,"duplicates":1,"rejected":[]}"""u8, out answer));
        Assert.Equal((2, 17, 19), (answer.Accepted, answer.Folded, answer.Kept));
        Assert.True(IngestAnswer.TryParse("""{"extra":{"a":[1]},"rejected":[],"duplicates":0,"accepted":20}"""u8, out answer));
        Assert.Equal(new IngestAnswer(20, 0, 0), answer);
        Assert.False(IngestAnswer.TryParse("""{"title":"Invalid request","status":400}"""u8, out _));
        Assert.False(IngestAnswer.TryParse(Encoding.UTF8.GetBytes("<html>"), out _));
        Assert.False(IngestAnswer.TryParse([], out _));
    }

    [Fact]
    public void Rfid_devices_are_spread_evenly_by_their_share()
    {
        Assert.Equal(5, Enumerable.Range(0, 10).Count(i => Fixture.IsRfid(i, 0.5)));
        Assert.Equal([false, true, false, true], Enumerable.Range(0, 4).Select(i => Fixture.IsRfid(i, 0.5)));
        Assert.Equal(0, Enumerable.Range(0, 10).Count(i => Fixture.IsRfid(i, 0)));
        Assert.Equal(10, Enumerable.Range(0, 10).Count(i => Fixture.IsRfid(i, 1)));
        Assert.Equal(3, Enumerable.Range(0, 10).Count(i => Fixture.IsRfid(i, 0.3)));
    }

    [Fact]
    public void Device_keys_stay_the_same_across_runs_and_differ_per_device_and_operator_key()
    {
        var key = Fixture.DeviceKey("lg", "lg-dev0001", "op");
        Assert.Equal(key, Fixture.DeviceKey("lg", "lg-dev0001", "op"));
        Assert.NotEqual(key, Fixture.DeviceKey("lg", "lg-dev0002", "op"));
        Assert.NotEqual(key, Fixture.DeviceKey("lg", "lg-dev0001", "other"));
        Assert.InRange(key.Length, 12, 256);
    }

    [Fact]
    public void Stock_covers_the_orders_of_the_whole_run_with_a_margin()
    {
        var o = LoadCommand.Parse(["--rate", "qr=2,web=1", "--duration", "60s", "--warm-up", "10s"], _ => null).Options!;
        // (2 x 1 + 1 x 3 units) a second x 70 s x 1.5 = 525 units over 6 products, plus 50 each.
        Assert.Equal(138, Fixture.StockNeeded(o, 6));
        Assert.Equal(0, Fixture.StockNeeded(LoadCommand.Parse(["--rate", "ingest=5"], _ => null).Options!, 6));
    }

    [Fact]
    public void Only_sends_scheduled_inside_the_measured_window_count_and_errors_are_kept_by_status()
    {
        var second = Stopwatch.Frequency;
        var stats = new KindStats(TrafficKind.Quota, 10, measureFrom: 10 * second, measureUntil: 20 * second);
        stats.Started(5 * second);
        stats.Succeeded(5 * second, 5 * second + second / 100);
        stats.Started(12 * second);
        stats.Succeeded(12 * second, 12 * second + second / 50);
        stats.Started(13 * second);
        stats.Failure(13 * second, 503);
        stats.Started(14 * second);
        stats.Failure(14 * second, KindStats.Transport);
        stats.Started(21 * second);
        stats.Failure(21 * second, 503);
        stats.Skip(15 * second);

        Assert.Equal(5, stats.Sent);
        Assert.Equal(3, stats.MeasuredSent);
        Assert.Equal(1, stats.MeasuredOk);
        Assert.Equal(0, stats.InFlight);
        Assert.Equal(1, stats.Skipped);
        Assert.Equal(new Dictionary<string, long> { ["503"] = 1, [KindStats.Transport] = 1 }, stats.Errors());
        var measured = stats.TakeMeasured();
        Assert.Equal(1, measured.TotalCount);
        Assert.InRange(measured.GetValueAtPercentile(50), 19_900, 20_100);
    }
}
