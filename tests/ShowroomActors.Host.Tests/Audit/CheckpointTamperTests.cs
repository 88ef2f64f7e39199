using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ShowroomActors.Host.Tests.Support;
using Xunit.Abstractions;

namespace ShowroomActors.Host.Tests.Audit;

/// <summary>
/// What the hash chains and seals cannot see, caught against a checkpoint an auditor kept (taken by the real host that
/// wrote the journal, <see cref="TamperSuiteTests.Journal"/>): a deleted tail, a deleted stream, rows reordered across
/// streams, a database rolled back to an older copy. <c>showroom-audit verify --all --checkpoint</c> exits 1 naming the
/// first missing or changed leaf, and the restarted host's <c>POST /api/v1/audit/checkpoints/verify</c> says the same.
/// </summary>
public sealed class CheckpointTamperTests(TamperSuiteTests.Journal journal, ITestOutputHelper output)
    : IClassFixture<TamperSuiteTests.Journal>, IDisposable
{
    private const string Tea = "product-dongyuan-fuzhu-500g";
    private readonly string _dataDir = journal.CopyToNewFolder();

    private string SqliteFile => Path.Combine(_dataDir, "showroom.db");

    private async Task<AuditCliRun.Result> VerifyAsync()
    {
        var checkpoint = Path.Combine(_dataDir, "kept-checkpoint.txt");
        var key = Path.Combine(_dataDir, "kept-public-key.pem");
        await File.WriteAllTextAsync(checkpoint, journal.Checkpoint);
        await File.WriteAllTextAsync(key, journal.PublicKeyPem);
        var run = await AuditCliRun.RunAsync(_dataDir, "verify", "--all", "--checkpoint", checkpoint, "--public-key", key);
        output.WriteLine(run.Output + run.Error);
        return run;
    }

    private async Task<JsonElement> HostVerifyAsync(HostProcess host)
    {
        var response = await host.Client.PostAsync("/api/v1/audit/checkpoints/verify", new StringContent(journal.Checkpoint, Encoding.UTF8, "text/plain"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_untouched_journal_holds_what_the_checkpoint_committed_to()
    {
        var run = await VerifyAsync();
        Assert.Equal(0, run.Code);
        Assert.Contains("ok: the journal holds the", run.Output);
        using var host = await HostProcess.StartAsync(_dataDir);
        Assert.True((await HostVerifyAsync(host)).GetProperty("ok").GetBoolean());
        // A note that is not this node's: 422 naming the checkpoint.
        var forged = journal.Checkpoint.Replace("\n1", "\n9", StringComparison.Ordinal);
        var response = await host.Client.PostAsync("/api/v1/audit/checkpoints/verify", new StringContent(forged, Encoding.UTF8, "text/plain"));
        await TestShowroom.AssertProblemAsync(response, 422, "checkpoint");
    }

    [Fact]
    public async Task A_deleted_tail_is_found()
    {
        var last = JournalTamper.Rows(SqliteFile, Tea)[^1].Seq;
        var ordering = JournalTamper.OrderingOf(SqliteFile, Tea, last);
        JournalTamper.DeleteFrom(SqliteFile, Tea, last);
        var run = await VerifyAsync();
        Assert.Equal(1, run.Code);
        Assert.Contains($"journal ordering {ordering}", run.Output);
        Assert.Contains("is missing from the journal", run.Output);
        // The shorter chain is still a valid chain: only the checkpoint sees it.
        Assert.DoesNotContain("BROKEN product", run.Output);

        using var host = await HostProcess.StartAsync(_dataDir);
        var verdict = await HostVerifyAsync(host);
        Assert.False(verdict.GetProperty("ok").GetBoolean());
        Assert.Contains("is missing from the journal", verdict.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_deleted_stream_is_found_at_its_first_event()
    {
        var first = JournalTamper.OrderingOf(SqliteFile, Tea, 1);
        JournalTamper.DeleteFrom(SqliteFile, Tea, 1);
        var run = await VerifyAsync();
        Assert.Equal(1, run.Code);
        Assert.Contains("leaf 0:", run.Output);
        Assert.Contains($"journal ordering {first}", run.Output);
    }

    [Fact]
    public async Task Rows_reordered_across_streams_are_found()
    {
        // The tea's last event and the order's first: each stream's own chain is untouched.
        var a = JournalTamper.OrderingOf(SqliteFile, Tea, 5);
        var b = JournalTamper.OrderingOf(SqliteFile, journal.OrderPid, 1);
        JournalTamper.SwapOrderings(SqliteFile, a, b);
        var run = await VerifyAsync();
        Assert.Equal(1, run.Code);
        Assert.Contains("out of place", run.Output);
        Assert.DoesNotContain("BROKEN product", run.Output);

        using var host = await HostProcess.StartAsync(_dataDir);
        Assert.False((await HostVerifyAsync(host)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_database_rolled_back_to_an_older_copy_is_found_and_the_log_signs_nothing_more()
    {
        JournalTamper.RollBack(SqliteFile, keep: 4);
        var run = await VerifyAsync();
        Assert.Equal(1, run.Code);
        Assert.Contains("the journal holds 4 events", run.Output);
        // An older copy holds the log's older tables too: they no longer match the checkpoint either.
        Assert.Contains("log's own tables were altered too", run.Output);

        // The host kept its last checkpoint beside the data, which the rolled-back database no longer holds.
        using var host = await HostProcess.StartAsync(_dataDir);
        await TestShowroom.EventuallyAsync(() => Task.FromResult(host.Output.Contains("no longer matches the checkpoints it signed")), because: "the log's Error line");
        await TestShowroom.AssertProblemAsync(await host.Client.PostAsync("/api/v1/audit/checkpoints", null), 503);
        var ready = await host.Client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("tampering-detected", ready.GetProperty("audit").GetProperty("status").GetString());
        Assert.Contains("rolled back", ready.GetProperty("audit").GetProperty("log").GetProperty("problem").GetString());
        Assert.False((await HostVerifyAsync(host)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task An_edited_event_is_found_as_a_changed_leaf()
    {
        JournalTamper.EditAndRehash(SqliteFile, Tea, 3, "\"quantity\":20", "\"quantity\":90");
        var run = await VerifyAsync();
        Assert.Equal(1, run.Code);
        Assert.Contains($"{Tea} seq 3", run.Output);
        Assert.Contains("was changed", run.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
