using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShowroomActors.Host.Tests.Support;
using Xunit.Abstractions;

namespace ShowroomActors.Host.Tests.Audit;

/// <summary>
/// A showroom's journal, written by a real host process and then stopped, in which each test changes one thing the
/// way someone with access to the SQLite file (but not to the audit key) could. Every change must be found by the
/// offline verifier, and the restarted host must quarantine the stream: 503 naming the first broken sequence number,
/// an Error line in its log, and the stream listed by /health/ready. Nothing is ever served from it.
/// </summary>
public sealed class TamperSuiteTests(TamperSuiteTests.Journal journal, ITestOutputHelper output)
    : IClassFixture<TamperSuiteTests.Journal>, IDisposable
{
    private const string Tea = "product-dongyuan-fuzhu-500g";
    private const string Busy = "product-lingyun-tea-250g";
    private readonly string _dataDir = journal.CopyToNewFolder();

    private string SqliteFile => Path.Combine(_dataDir, "showroom.db");

    [Fact]
    public async Task An_untouched_journal_verifies_and_serves()
    {
        Assert.Equal(0, (await CliAsync("verify", "--all")).Code);
        using var host = await HostProcess.StartAsync(_dataDir);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/api/v1/products/dongyuan-fuzhu-500g")).StatusCode);
        var ready = await host.Client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("intact", ready.GetProperty("audit").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_edited_event_is_found_and_its_stream_quarantined()
    {
        JournalTamper.ChangePayloadByte(SqliteFile, Tea, 3, "\"quantity\":20", "\"quantity\":90");
        await AssertDetectedAsync(Tea, 3, "/api/v1/products/dongyuan-fuzhu-500g", "hash does not match");
    }

    [Fact]
    public async Task An_edited_and_rehashed_chain_is_found_by_its_seals()
    {
        JournalTamper.EditAndRehash(SqliteFile, Tea, 3, "\"quantity\":20", "\"quantity\":90");
        await AssertDetectedAsync(Tea, 3, "/api/v1/products/dongyuan-fuzhu-500g", "seal does not match");
    }

    [Fact]
    public async Task A_forged_event_appended_with_a_valid_chain_is_found_by_its_seal()
    {
        var next = JournalTamper.Rows(SqliteFile, Tea).Count + 1;
        JournalTamper.AppendForged(SqliteFile, Tea, "product.stock-received.v1",
            """{"productId":"dongyuan-fuzhu-500g","batch":"FORGED","quantity":500,"onHandAfter":600}""");
        await AssertDetectedAsync(Tea, next, "/api/v1/products/dongyuan-fuzhu-500g", "seal does not match");
    }

    [Fact]
    public async Task A_forged_event_without_a_seal_is_found()
    {
        var next = JournalTamper.Rows(SqliteFile, Tea).Count + 1;
        JournalTamper.AppendForged(SqliteFile, Tea, "product.stock-received.v1",
            """{"productId":"dongyuan-fuzhu-500g","batch":"FORGED","quantity":500,"onHandAfter":600}""", seal: false);
        await AssertDetectedAsync(Tea, next, "/api/v1/products/dongyuan-fuzhu-500g", "no seal");
    }

    [Fact]
    public async Task An_event_marked_deleted_in_the_middle_is_found()
    {
        JournalTamper.MarkDeleted(SqliteFile, Tea, 2);
        await AssertDetectedAsync(Tea, 2, "/api/v1/products/dongyuan-fuzhu-500g", "deleted");
    }

    [Fact]
    public async Task A_payment_marked_deleted_does_not_make_the_order_unpaid()
    {
        var paid = JournalTamper.Rows(SqliteFile, journal.OrderPid).Single(r => r.Manifest == "order.paid.v1").Seq;
        JournalTamper.MarkDeleted(SqliteFile, journal.OrderPid, paid);
        await AssertDetectedAsync(journal.OrderPid, paid, $"/api/v1/orders/{journal.OrderId}", "deleted");
    }

    [Fact]
    public async Task An_edited_snapshot_is_discarded_and_the_entity_rebuilt_from_its_events()
    {
        var onHand = journal.BusyOnHand;
        JournalTamper.EditSnapshot(SqliteFile, Busy, $"\"onHand\":{onHand - 5}", "\"onHand\":1234567");
        using var host = await HostProcess.StartAsync(_dataDir);
        var product = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/products/lingyun-tea-250g");
        Assert.Equal(onHand, product.GetProperty("onHand").GetInt32());
        await TestShowroom.EventuallyAsync(() => Task.FromResult(host.Output.Contains("does not match its seal")), because: "the snapshot rejection in the log");
        Assert.Contains("ERR", host.Output.Split('\n').First(l => l.Contains("does not match its seal")));
    }

    /// <summary>The verifier names the stream and seq, and the restarted host quarantines it.</summary>
    private async Task AssertDetectedAsync(string pid, long firstBrokenSeq, string path, string problem)
    {
        var (code, text) = await CliAsync("verify", "--all");
        output.WriteLine(text);
        Assert.Equal(1, code);
        Assert.Contains($"BROKEN {pid} at seq {firstBrokenSeq}", text);
        Assert.Contains(problem, text);

        using var host = await HostProcess.StartAsync(_dataDir);
        var body = await TestShowroom.AssertProblemAsync(await host.Client.GetAsync(path), 503, "persistenceId");
        Assert.Equal(pid, body.GetProperty("persistenceId").GetString());
        Assert.Equal(firstBrokenSeq, body.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Contains(problem, body.GetProperty("problem").GetString());

        var ready = await host.Client.GetFromJsonAsync<JsonElement>("/health/ready");
        var audit = ready.GetProperty("audit");
        Assert.Equal("tampering-detected", audit.GetProperty("status").GetString());
        var listed = audit.GetProperty("quarantined").EnumerateArray().Single();
        Assert.Equal(pid, listed.GetProperty("persistenceId").GetString());
        Assert.Equal(firstBrokenSeq, listed.GetProperty("firstBrokenSeq").GetInt64());
        var line = host.Output.Split('\n').First(l => l.Contains("is quarantined"));
        Assert.Contains("ERR", line);
        Assert.Contains(pid, line);
        // Still nothing served after the first answer.
        await TestShowroom.AssertProblemAsync(await host.Client.GetAsync(path), 503, "persistenceId");
    }

    private async Task<(int Code, string Output)> CliAsync(params string[] args)
    {
        var run = await AuditCliRun.RunAsync(_dataDir, args);
        return (run.Code, run.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// The journal every test starts from, written once by a real host: product <see cref="Tea"/> (registered, then
    /// four receipts: seq 1-5), product <see cref="Busy"/> with more than 100 events (so it has a snapshot), and an
    /// order placed and paid. The host is stopped with SIGTERM; each test works on its own copy of the folder.
    /// </summary>
    public sealed class Journal : IAsyncLifetime
    {
        private readonly string _golden = Path.Combine(Path.GetTempPath(), "showroom-tamper", Guid.NewGuid().ToString("N"));

        public string OrderId { get; private set; } = "";
        public string OrderPid => $"order-{OrderId}";
        public int BusyOnHand { get; private set; }
        /// <summary>The signed checkpoint of the whole journal, taken before the host stopped.</summary>
        public string Checkpoint { get; private set; } = "";
        public string PublicKeyPem { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var host = await HostProcess.StartAsync(_golden);
            var client = host.Client;
            // The first write to a new journal can outlast the ask timeout on a loaded machine: 503 means retry.
            HttpResponseMessage first;
            for (var attempt = 1; (first = await client.PostAsJsonAsync("/api/v1/products", SampleProducts.Fuzhu())).StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5; attempt++)
                await Task.Delay(1000);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            for (var i = 1; i <= 4; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 10 * i, batch = $"DY-{i}" })).StatusCode);

            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/products", SampleProducts.Fuzhu("lingyun-tea-250g"))).StatusCode);
            for (var i = 1; i <= 104; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/products/lingyun-tea-250g/stock", new { quantity = 1, batch = $"LY-{i}" })).StatusCode);
            BusyOnHand = 104;

            var place = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
            {
                Content = JsonContent.Create(new { channel = "web", lines = new[] { new { productId = "dongyuan-fuzhu-500g", quantity = 2 } } }),
            };
            place.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var placed = await client.SendAsync(place);
            Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
            OrderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/orders/{OrderId}/pay", new { amountFen = 7360 })).StatusCode);

            // What an auditor keeps: a checkpoint of everything above, and the public key that signed it.
            var signed = await client.PostAsync("/api/v1/audit/checkpoints", null);
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            Checkpoint = (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetString()!;
            PublicKeyPem = await client.GetStringAsync("/api/v1/audit/public-key");
            Assert.Equal(0, host.Terminate(TimeSpan.FromSeconds(30)));
        }

        /// <summary>A copy of the stopped host's data folder (database, its WAL files, the audit key).</summary>
        public string CopyToNewFolder()
        {
            var copy = Path.Combine(Path.GetTempPath(), "showroom-tamper", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(_golden)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            return copy;
        }

        public Task DisposeAsync()
        {
            try { Directory.Delete(_golden, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return Task.CompletedTask;
        }
    }
}
