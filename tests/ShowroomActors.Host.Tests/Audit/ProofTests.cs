using System.Text.Json;
using ShowroomActors.Host.Tests.Support;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Host.Tests.Audit;

/// <summary>
/// Inclusion and consistency proofs from a running host, checked with the independent <see cref="ReferenceMerkle"/>
/// against the signed roots, and with <c>showroom-audit check</c> offline from saved files and the public key alone.
/// </summary>
public sealed class ProofTests : IAsyncLifetime
{
    private TestShowroom _showroom = null!;
    private readonly AuditLogClient _log;
    private readonly string _files = Path.Combine(Path.GetTempPath(), $"showroom-proofs-{Guid.NewGuid():N}");

    public ProofTests() => _log = new AuditLogClient(() => _showroom);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_files);
        _showroom = await TestShowroom.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _showroom.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }

    private async Task<JsonElement> GetAsync(string path) => await TestShowroom.JsonAsync(await _showroom.GetAsync(path, TestShowroom.AuditorKey));

    private string Save(string name, string text)
    {
        var path = Path.Combine(_files, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Inclusion_and_consistency_proofs_verify_independently_and_offline()
    {
        await _log.RecordAsync(260);
        var key = await _log.PublicKeyAsync();
        var first = await _log.SignAsync();
        var (size1, root1) = AuditLogClient.CheckNote(first.GetProperty("note").GetString()!, key);
        await _log.RecordAsync(40, first: 261);
        var second = await _log.SignAsync();
        var (size2, root2) = AuditLogClient.CheckNote(second.GetProperty("note").GetString()!, key);
        var events = await _log.JournalEventsAsync();
        var leaves = events.Select(e => ReferenceMerkle.Leaf(e.Hash)).ToList();
        Assert.Equal(301, size2);

        // Leaves at both edges, inside a stored subtree of 256 and on the ragged right edge.
        foreach (var leaf in new[] { 0, 1, 255, 256, 259, 300 })
        {
            var (pid, seq, hash) = events[leaf];
            var proof = await GetAsync($"/api/v1/audit/proofs/inclusion?persistenceId={pid}&seq={seq}");
            Assert.Equal(leaf, proof.GetProperty("leafIndex").GetInt64());
            Assert.Equal(size2, proof.GetProperty("treeSize").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(hash), proof.GetProperty("entry").GetString());
            var path = proof.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
            Assert.Equal(ReferenceMerkle.Path(leaf, leaves[..(int)size2]), path);
            Assert.True(ReferenceMerkle.VerifyInclusion(leaf, size2, ReferenceMerkle.Leaf(hash), path, root2), $"leaf {leaf}");
            Assert.Equal(second.GetProperty("note").GetString(), proof.GetProperty("checkpoint").GetString());
        }
        // Against the older, smaller tree too.
        var old = await GetAsync($"/api/v1/audit/proofs/inclusion?persistenceId={events[100].Pid}&seq={events[100].Seq}&treeSize={size1}");
        var oldPath = old.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        Assert.True(ReferenceMerkle.VerifyInclusion(100, size1, leaves[100], oldPath, root1));

        var consistency = await GetAsync($"/api/v1/audit/proofs/consistency?from={size1}&to={size2}");
        var hashes = consistency.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        Assert.Equal(ReferenceMerkle.Consistency((int)size1, leaves[..(int)size2]), hashes);
        Assert.True(ReferenceMerkle.VerifyConsistency(size1, size2, root1, root2, hashes));

        // Offline, from files and the public key alone.
        var publicKey = Save("key.pem", await _log.PublicKeyPemAsync());
        var inclusionFile = Save("inclusion.json", (await GetAsync($"/api/v1/audit/proofs/inclusion?persistenceId={events[259].Pid}&seq={events[259].Seq}")).GetRawText());
        var consistencyFile = Save("consistency.json", consistency.GetRawText());
        var ok = await AuditCliRun.RunAsync(_showroom.DataDir, ["check", "inclusion", inclusionFile, "--public-key", publicKey]);
        Assert.True(ok.Code == 0, ok.Output + ok.Error);
        Assert.Contains("is leaf 259 of the 301 events", ok.Output);
        Assert.Equal(0, (await AuditCliRun.RunAsync(_showroom.DataDir, ["check", "consistency", consistencyFile, "--public-key", publicKey])).Code);
        Assert.Equal(0, (await AuditCliRun.RunAsync(_showroom.DataDir, ["check", "checkpoint", Save("cp.txt", second.GetProperty("note").GetString()!), "--public-key", publicKey])).Code);

        // An altered proof, an event that is not the one proved, a checkpoint of another size: exit 1.
        var forged = File.ReadAllText(inclusionFile).Replace(Convert.ToHexStringLower(events[259].Hash), Convert.ToHexStringLower(events[258].Hash), StringComparison.Ordinal);
        var bad = await AuditCliRun.RunAsync(_showroom.DataDir, ["check", "inclusion", Save("forged.json", forged), "--public-key", publicKey]);
        Assert.Equal(1, bad.Code);
        Assert.Contains("BROKEN", bad.Output);
        Assert.Equal(1, (await AuditCliRun.RunAsync(_showroom.DataDir,
            ["check", "inclusion", inclusionFile, "--public-key", publicKey, "--checkpoint", Save("old.txt", first.GetProperty("note").GetString()!)])).Code);
        var rewritten = consistency.GetRawText().Replace(Convert.ToBase64String(hashes[0]), Convert.ToBase64String(root1), StringComparison.Ordinal);
        Assert.Equal(1, (await AuditCliRun.RunAsync(_showroom.DataDir, ["check", "consistency", Save("rewritten.json", rewritten), "--public-key", publicKey])).Code);
        var tamperedNote = second.GetProperty("note").GetString()!.Replace("\n301\n", "\n302\n", StringComparison.Ordinal);
        Assert.Equal(1, (await AuditCliRun.RunAsync(_showroom.DataDir, ["check", "checkpoint", Save("tampered.txt", tamperedNote), "--public-key", publicKey])).Code);
    }

    [Fact]
    public async Task Bad_proof_requests_name_their_field()
    {
        await _log.RecordAsync(3);
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/proofs/inclusion?persistenceId=product-dongyuan-fuzhu-500g&seq=1", TestShowroom.AuditorKey), 404, "treeSize");
        await _log.SignAsync();
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/proofs/inclusion?seq=1", TestShowroom.AuditorKey), 400, "persistenceId");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/proofs/inclusion?persistenceId=product-dongyuan-fuzhu-500g&seq=x", TestShowroom.AuditorKey), 400, "seq");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/proofs/inclusion?persistenceId=product-dongyuan-fuzhu-500g&seq=99", TestShowroom.AuditorKey), 404, "seq");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/proofs/inclusion?persistenceId=product-dongyuan-fuzhu-500g&seq=1&treeSize=999", TestShowroom.AuditorKey), 400, "treeSize");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/proofs/inclusion?persistenceId=product-dongyuan-fuzhu-500g&seq=4&treeSize=2", TestShowroom.AuditorKey), 409, "treeSize");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/proofs/consistency?from=3&to=2", TestShowroom.AuditorKey), 400, "from");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/audit/proofs/consistency?to=2", TestShowroom.AuditorKey), 400, "from");
        var bad = await AuditCliRun.RunAsync(_showroom.DataDir, ["check", "inclusion", "/nonexistent.json", "--public-key", "/nonexistent.pem"]);
        Assert.Equal(3, bad.Code);
    }
}
