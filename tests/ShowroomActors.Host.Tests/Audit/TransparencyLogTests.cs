using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    public async Task InitializeAsync() => _showroom = await TestShowroom.StartAsync();

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    /// <summary>Registers the sample product and receives <paramref name="batches"/> stock batches.</summary>
    private async Task RecordAsync(int batches, int first = 1)
    {
        if (first == 1) Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu())).StatusCode);
        for (var i = first; i < first + batches; i++)
            Assert.Equal(HttpStatusCode.OK, (await _showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 1, batch = $"B-{i}" })).StatusCode);
    }

    /// <summary>Every event's chain hash in journal order, read from the audit listing (the journal's rows).</summary>
    private async Task<List<byte[]>> JournalHashesAsync()
    {
        var hashes = new List<byte[]>();
        long after = 0;
        while (true)
        {
            var page = await TestShowroom.JsonAsync(await _showroom.GetAsync($"/api/v1/audit/events?after={after}&limit=10000", TestShowroom.AuditorKey));
            hashes.AddRange(page.GetProperty("events").EnumerateArray().Select(e => Convert.FromHexString(e.GetProperty("hash").GetString()!)));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) return hashes;
            after = page.GetProperty("next").GetInt64();
        }
    }

    private async Task<JsonElement> SignAsync()
    {
        var response = await _showroom.PostAsync("/api/v1/audit/checkpoints", null, TestShowroom.AuditorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestShowroom.JsonAsync(response);
    }

    private async Task<ECDsa> PublicKeyAsync()
    {
        var response = await _showroom.GetAsync("/api/v1/audit/public-key", TestShowroom.AuditorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = ECDsa.Create();
        key.ImportFromPem(await response.Content.ReadAsStringAsync());
        return key;
    }

    /// <summary>Checks a C2SP signed note by hand: the body up to the blank line, one "— origin base64(keyid||sig)" line.</summary>
    private static (long Size, byte[] Root) CheckNote(string note, ECDsa key)
    {
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        var body = note[..(split + 1)];
        var lines = body.Split('\n');
        var signatureLine = note[(split + 2)..].TrimEnd('\n');
        Assert.StartsWith($"\u2014 {lines[0]} ", signatureLine);
        var signed = Convert.FromBase64String(signatureLine.Split(' ')[2]);
        Assert.Equal(SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..4], signed[..4]);
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(body), signed[4..], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), "signature");
        return (long.Parse(lines[1]), Convert.FromBase64String(lines[2]));
    }

    [Fact]
    public async Task A_checkpoint_commits_to_every_event_in_journal_order_and_is_signed_by_the_audit_key()
    {
        // 301 events: more than one stored subtree of 256 leaves, and a ragged right edge.
        await RecordAsync(300);
        var key = await PublicKeyAsync();
        var signed = await SignAsync();
        var (size, root) = CheckNote(signed.GetProperty("note").GetString()!, key);
        var leaves = (await JournalHashesAsync()).Select(ReferenceMerkle.Leaf).ToList();
        Assert.Equal(301, leaves.Count);
        Assert.Equal(leaves.Count, size);
        Assert.Equal(ReferenceMerkle.Root(leaves), root);
        Assert.Equal(size, signed.GetProperty("treeSize").GetInt64());

        // The log grows; the next checkpoint covers the new events too, and the history lists both, newest first.
        await RecordAsync(5, first: 301);
        var second = await SignAsync();
        var (size2, root2) = CheckNote(second.GetProperty("note").GetString()!, key);
        var leaves2 = (await JournalHashesAsync()).Select(ReferenceMerkle.Leaf).ToList();
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
        var again = await SignAsync();
        Assert.Equal(306, again.GetProperty("treeSize").GetInt64());
        await RecordAsync(1, first: 306);
        var third = await SignAsync();
        var (size3, root3) = CheckNote(third.GetProperty("note").GetString()!, key);
        Assert.Equal(307, size3);
        Assert.Equal(ReferenceMerkle.Root((await JournalHashesAsync()).Select(ReferenceMerkle.Leaf).ToList()), root3);
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
        await RecordAsync(1);
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/audit/checkpoints", null, TestShowroom.AuditorKey), 503);
    }
}
