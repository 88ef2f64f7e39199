using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Audit;

public sealed class AuditApiTests : IAsyncLifetime
{
    private const string Pid = "product-dongyuan-fuzhu-500g";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    private TestShowroom _showroom = null!;

    public async Task InitializeAsync()
    {
        _showroom = await TestShowroom.StartAsync(clock: _clock);
    }

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    /// <summary>Registers the product and receives four batches, one hour apart (seq 1..5).</summary>
    private async Task<List<(DateTimeOffset At, JsonElement Live)>> RecordHistoryAsync()
    {
        var observed = new List<(DateTimeOffset, JsonElement)>();
        await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu());
        observed.Add((_clock.GetUtcNow(), await LiveAsync()));
        for (var i = 1; i <= 4; i++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            var response = await _showroom.PostAsync($"/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 10 * i, batch = $"DY-{i}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            observed.Add((_clock.GetUtcNow(), await LiveAsync()));
        }
        return observed;
    }

    private async Task<JsonElement> LiveAsync() => await TestShowroom.JsonAsync(await _showroom.GetAsync($"/api/v1/products/dongyuan-fuzhu-500g"));

    private async Task<JsonElement> VerifyAsync() =>
        await TestShowroom.JsonAsync(await _showroom.GetAsync($"/api/v1/audit/streams/{Pid}/verify", TestShowroom.AuditorKey));

    [Fact]
    public async Task Lists_streams_and_events_with_their_hash_links()
    {
        await RecordHistoryAsync();
        var streams = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/audit/streams?type=product", TestShowroom.AuditorKey));
        Assert.Equal([Pid], streams.EnumerateArray().Select(s => s.GetString()));

        var events = await TestShowroom.JsonAsync(await _showroom.GetAsync($"/api/v1/audit/streams/{Pid}/events?from=2&to=3", TestShowroom.AuditorKey));
        var list = events.EnumerateArray().ToList();
        Assert.Equal([2L, 3L], list.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("product.stock-received.v1", list[0].GetProperty("type").GetString());
        Assert.Equal(10, list[0].GetProperty("event").GetProperty("quantity").GetInt32());
        Assert.Equal("2026-03-01T03:00:00.0000000Z", list[0].GetProperty("at").GetString());
        Assert.Equal(list[0].GetProperty("hash").GetString(), list[1].GetProperty("prevHash").GetString());
    }

    [Fact]
    public async Task State_as_of_any_instant_equals_the_live_state_observed_then()
    {
        var observed = await RecordHistoryAsync();
        foreach (var (at, live) in observed)
        {
            var asOf = await TestShowroom.JsonAsync(await _showroom.GetAsync($"/api/v1/audit/streams/{Pid}/state?at={Uri.EscapeDataString(at.ToString("O"))}", TestShowroom.AuditorKey));
            var state = asOf.GetProperty("state");
            Assert.Equal(live.GetProperty("onHand").GetInt32(), state.GetProperty("onHand").GetInt32());
            Assert.Equal(live.GetProperty("available").GetInt32(), state.GetProperty("available").GetInt32());
            Assert.Equal(live.GetProperty("name").GetString(), state.GetProperty("details").GetProperty("name").GetString());
        }
        var beforeRegistration = await TestShowroom.JsonAsync(await _showroom.GetAsync(
            $"/api/v1/audit/streams/{Pid}/state?at=2026-03-01T01:00:00Z", TestShowroom.AuditorKey));
        Assert.Equal(0, beforeRegistration.GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task An_intact_chain_verifies()
    {
        await RecordHistoryAsync();
        var verify = await VerifyAsync();
        Assert.True(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(5, verify.GetProperty("checked").GetInt64());
    }

    [Fact]
    public async Task A_changed_payload_byte_is_found_by_the_api_and_the_cli()
    {
        await RecordHistoryAsync();
        JournalTamper.ChangePayloadByte(_showroom.Settings.SqliteFile, Pid, 3, "\"quantity\":20", "\"quantity\":90");
        var verify = await VerifyAsync();
        Assert.False(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(3, verify.GetProperty("firstBrokenSeq").GetInt64());

        await _showroom.StopAsync();
        var (code, output, _) = await CliAsync("verify", Pid);
        Assert.Equal(1, code);
        Assert.Contains("at seq 3", output);
        (code, output, _) = await CliAsync("verify", "--all");
        Assert.Equal(1, code);
        Assert.Contains($"BROKEN {Pid} at seq 3", output);
    }

    [Fact]
    public async Task A_deleted_row_breaks_the_chain_at_the_missing_sequence_number()
    {
        await RecordHistoryAsync();
        JournalTamper.DeleteRow(_showroom.Settings.SqliteFile, Pid, 2);
        var verify = await VerifyAsync();
        Assert.False(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(2, verify.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Contains("missing", verify.GetProperty("problem").GetString());

        await _showroom.StopAsync();
        var (code, output, _) = await CliAsync("verify", Pid);
        Assert.Equal(1, code);
        Assert.Contains("at seq 2", output);
    }

    [Fact]
    public async Task Swapped_payloads_break_the_chain_at_the_first_of_them()
    {
        await RecordHistoryAsync();
        JournalTamper.SwapPayloads(_showroom.Settings.SqliteFile, Pid, 2, 4);
        var verify = await VerifyAsync();
        Assert.False(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(2, verify.GetProperty("firstBrokenSeq").GetInt64());

        await _showroom.StopAsync();
        var (code, output, _) = await CliAsync("verify", "--all");
        Assert.Equal(1, code);
        Assert.Contains($"BROKEN {Pid} at seq 2", output);
    }

    [Fact]
    public async Task The_global_log_pages_in_journal_order()
    {
        await RecordHistoryAsync();
        var first = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/audit/events?tag=product&limit=2", TestShowroom.AuditorKey));
        var page1 = first.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, page1.Count);
        var next = first.GetProperty("next").GetInt64();
        var second = await TestShowroom.JsonAsync(await _showroom.GetAsync($"/api/v1/audit/events?tag=product&after={next}&limit=10", TestShowroom.AuditorKey));
        var page2 = second.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(3, page2.Count);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var orderings = page1.Concat(page2).Select(e => e.GetProperty("ordering").GetInt64()).ToList();
        Assert.Equal(orderings.Order(), orderings);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], page1.Concat(page2).Select(e => e.GetProperty("seq").GetInt64()));
        // Rows do not store the previous hash; the listing links them all the same, across pages too.
        var all = page1.Concat(page2).ToList();
        Assert.Equal(HashChain.Genesis, all[0].GetProperty("prevHash").GetString());
        for (var i = 1; i < all.Count; i++)
            Assert.Equal(all[i - 1].GetProperty("hash").GetString(), all[i].GetProperty("prevHash").GetString());

        var window = await TestShowroom.JsonAsync(await _showroom.GetAsync(
            "/api/v1/audit/events?from=2026-03-01T02:30:00Z&to=2026-03-01T04:30:00Z", TestShowroom.AuditorKey));
        Assert.Equal([2L, 3L], window.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(all[0].GetProperty("hash").GetString(), window.GetProperty("events")[0].GetProperty("prevHash").GetString());
    }

    [Fact]
    public async Task The_cli_replays_state_and_exports_with_the_server_stopped()
    {
        var observed = await RecordHistoryAsync();
        await _showroom.StopAsync();

        var (code, output, _) = await CliAsync("state", Pid, "--at", observed[2].At.ToString("O"));
        Assert.Equal(0, code);
        var state = JsonDocument.Parse(output).RootElement.GetProperty("state");
        Assert.Equal(observed[2].Live.GetProperty("onHand").GetInt32(), state.GetProperty("onHand").GetInt32());

        (code, output, _) = await CliAsync("export", "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-02T00:00:00Z", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("ordering,persistence_id,seq,at,type", lines[0]);

        (code, output, _) = await CliAsync("events", Pid, "--from", "5");
        Assert.Equal(0, code);
        Assert.Equal(40, JsonDocument.Parse(output).RootElement.GetProperty("event").GetProperty("quantity").GetInt32());
    }

    [Theory]
    [InlineData("state", Pid, "--at", "not-a-time")]
    [InlineData("events", Pid, "--from", "5", "--to", "2")]
    [InlineData("events", "product-unknown")]
    [InlineData("export", "--from", "2026-01-02T00:00:00Z", "--to", "2026-01-01T00:00:00Z", "--format", "csv")]
    [InlineData("export", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z", "--format", "xml")]
    [InlineData("verify")]
    [InlineData("frobnicate")]
    public async Task The_cli_rejects_bad_arguments_with_exit_code_2(params string[] args)
    {
        await RecordHistoryAsync();
        await _showroom.StopAsync();
        var (code, _, error) = await CliAsync(args);
        Assert.Equal(2, code);
        Assert.Contains("error:", error);
    }

    [Fact]
    public async Task The_cli_has_help_rejects_typos_with_a_suggestion_and_completes()
    {
        await RecordHistoryAsync();
        await _showroom.StopAsync();
        var help = await CliAsync("--help");
        Assert.Equal(0, help.Code);
        foreach (var command in new[] { "streams", "events", "state", "verify", "export", "quota", "completion" }) Assert.Contains(command, help.Output);

        var typo = await CliAsync("verfy", Pid);
        Assert.Equal(2, typo.Code);
        Assert.Contains("'verfy' was not matched", typo.Error);
        Assert.Contains("verify", typo.Error);
        var unknownOption = await CliAsync("state", Pid, "--att", "2026-03-01T00:00:00Z");
        Assert.Equal(2, unknownOption.Code);
        Assert.Contains("--att", unknownOption.Error);

        var suggestions = new StringWriter();
        Assert.Equal(0, await ShowroomActors.Audit.AuditCli.RunAsync(["[suggest:7]", "verify "], suggestions, TextWriter.Null, CancellationToken.None));
        Assert.Contains("--all", suggestions.ToString());
        var script = await CliAsync("completion", "bash");
        Assert.Equal(0, script.Code);
        Assert.Contains("complete -F", script.Output);
    }

    [Fact]
    public async Task State_prints_no_figures_from_a_broken_chain()
    {
        await RecordHistoryAsync();
        await _showroom.StopAsync();
        JournalTamper.ChangePayloadByte(_showroom.Settings.SqliteFile, Pid, 3, "\"quantity\":20", "\"quantity\":90");
        var state = await CliAsync("state", Pid);
        Assert.Equal(1, state.Code);
        Assert.Equal("", state.Output);
        Assert.Contains($"warning: BROKEN {Pid} at seq 3", state.Error);
        // Even as of an instant before the broken event: the stream as a whole cannot be trusted.
        Assert.Equal(1, (await CliAsync("state", Pid, "--at", "2026-03-01T02:30:00Z")).Code);
    }

    [Fact]
    public async Task Bad_audit_requests_are_4xx_and_auditors_cannot_write()
    {
        await RecordHistoryAsync();
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/streams/product-nope/verify", TestShowroom.AuditorKey), 404, "persistenceId");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync($"/api/v1/audit/streams/{Pid}/state?at=yesterday", TestShowroom.AuditorKey), 400, "at");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync($"/api/v1/audit/streams/{Pid}/events?from=4&to=2", TestShowroom.AuditorKey), 400, "from");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/events?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", TestShowroom.AuditorKey), 400, "from");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/streams?type=spaceship", TestShowroom.AuditorKey), 400, "type");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/streams", key: null), 401, "Authorization");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu("other"), TestShowroom.AuditorKey), 403, "Authorization");
        Assert.Equal(HttpStatusCode.OK, (await _showroom.GetAsync("/api/v1/audit/streams", TestShowroom.OperatorKey)).StatusCode);
    }

    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var run = await AuditCliRun.RunAsync(_showroom.DataDir, args);
        return (run.Code, run.Output, run.Error);
    }
}
