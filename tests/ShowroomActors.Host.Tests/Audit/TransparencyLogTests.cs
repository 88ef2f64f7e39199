using System.Net;
using System.Net.Http.Headers;
using ShowroomActors.Host.Tests.Support;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Host.Tests.Audit;

/// <summary>
/// The transparency log of a running host: its checkpoints commit to every event in journal order, which the test
/// recomputes with the independent <see cref="ReferenceMerkle"/> from the journal's own rows, and whose signatures it
/// checks with .NET's ECDSA and the served public key alone.
/// </summary>
public sealed class TransparencyLogTests : IAsyncLifetime
{
    private TestShowroom _showroom = null!;
    private readonly AuditLogClient _log;

    public TransparencyLogTests() => _log = new AuditLogClient(() => _showroom);

    private async Task<List<byte[]>> LeavesAsync() => (await _log.JournalEventsAsync()).Select(e => ReferenceMerkle.Leaf(e.Hash)).ToList();

    public async Task InitializeAsync() => _showroom = await TestShowroom.StartAsync();

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    [Fact]
    public async Task A_checkpoint_commits_to_every_event_in_journal_order_and_is_signed_by_the_audit_key()
    {
        // 301 events: more than one stored subtree of 256 leaves, and a ragged right edge.
        await _log.RecordAsync(300);
        var key = await _log.PublicKeyAsync();
        var signed = await _log.SignAsync();
        var (size, root) = AuditLogClient.CheckNote(signed.GetProperty("note").GetString()!, key);
        var leaves = await LeavesAsync();
        Assert.Equal(301, leaves.Count);
        Assert.Equal(leaves.Count, size);
        Assert.Equal(ReferenceMerkle.Root(leaves), root);
        Assert.Equal(size, signed.GetProperty("treeSize").GetInt64());

        // The log grows; the next checkpoint covers the new events too, and the history lists both, newest first.
        await _log.RecordAsync(5, first: 301);
        var second = await _log.SignAsync();
        var (size2, root2) = AuditLogClient.CheckNote(second.GetProperty("note").GetString()!, key);
        var leaves2 = await LeavesAsync();
        Assert.Equal(306, size2);
        Assert.Equal(ReferenceMerkle.Root(leaves2), root2);
        var history = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/audit/checkpoints", TestShowroom.AuditorKey));
        Assert.Equal([306L, 301L], history.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("treeSize").GetInt64()));
        var page = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/audit/checkpoints?limit=1", TestShowroom.AuditorKey));
        Assert.Equal(306L, page.GetProperty("next").GetInt64());

        // The latest as the note itself, to keep in a file.
        var request = _showroom.Request(HttpMethod.Get, "/api/v1/audit/checkpoints/latest", key: TestShowroom.AuditorKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var latest = await _showroom.Client.SendAsync(request);
        Assert.Equal(second.GetProperty("note").GetString(), await latest.Content.ReadAsStringAsync());

        // After a restart the log resumes where it was: nothing new, the same checkpoint; new events extend it.
        await _showroom.RestartAsync();
        var again = await _log.SignAsync();
        Assert.Equal(306, again.GetProperty("treeSize").GetInt64());
        await _log.RecordAsync(1, first: 306);
        var third = await _log.SignAsync();
        var (size3, root3) = AuditLogClient.CheckNote(third.GetProperty("note").GetString()!, key);
        Assert.Equal(307, size3);
        Assert.Equal(ReferenceMerkle.Root(await LeavesAsync()), root3);
    }

    [Fact]
    public async Task Without_a_checkpoint_latest_is_404_and_bad_paging_is_400()
    {
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/checkpoints/latest", TestShowroom.AuditorKey), 404);
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/checkpoints?limit=0", TestShowroom.AuditorKey), 400, "limit");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/checkpoints?before=x", TestShowroom.AuditorKey), 400, "before");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _showroom.PostAsync("/api/v1/audit/checkpoints", null, key: null)).StatusCode);
    }

    [Fact]
    public async Task With_the_log_switched_off_there_are_no_checkpoints()
    {
        await _showroom.DisposeAsync();
        _showroom = await TestShowroom.StartAsync(extraHocon: "showroom.audit.log = off");
        await _log.RecordAsync(1);
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/audit/checkpoints", null, TestShowroom.AuditorKey), 503);
    }
}
