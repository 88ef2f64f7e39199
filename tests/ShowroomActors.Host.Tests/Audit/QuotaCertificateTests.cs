using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShowroomActors.Host.Tests.Support;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Host.Tests.Audit;

/// <summary>
/// The quota certificate: served by the host and printed by the CLI, checked offline with the public key alone
/// (<c>showroom-audit check certificate</c>), and its proofs checked here with the independent <see cref="ReferenceMerkle"/>.
/// Any change to its figures, events or proofs is refused.
/// </summary>
public sealed class QuotaCertificateTests
{
    [Fact]
    public async Task A_certificate_proves_the_figures_offline_and_any_change_is_refused()
    {
        await using var showroom = await TestShowroom.StartAsync();
        var log = new AuditLogClient(() => showroom);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/buyers",
            new { buyerId = "unit-a", kind = "budget-unit", name = "盐田区某单位", jurisdiction = "shenzhen-yantian" })).StatusCode);
        Assert.True((await showroom.PutAsync("/api/v1/buyers/unit-a/plans/2026",
            new { canteenFoodBudgetFen = 1_000_000, reservedRatio = 0.3, hasCanteen = true })).IsSuccessStatusCode);
        foreach (var (reference, amount) in new[] { ("INV-1", 60_000), ("INV-2", 90_000) })
            Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/buyers/unit-a/external-purchases",
                new { reference, amountFen = amount, certified = true, at = "2026-02-20T00:00:00Z" })).StatusCode);
        await log.RecordAsync(3);

        var response = await showroom.GetAsync("/api/v1/reports/quota/2026/unit-a/certificate", TestShowroom.AuditorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var certificate = JsonDocument.Parse(text).RootElement;
        Assert.Equal(150_000, certificate.GetProperty("figures").GetProperty("quota").GetProperty("certified").GetInt64());
        var events = certificate.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.GetProperty("seq").GetInt64()));

        // Independently: every event's hash is a leaf under the signed root.
        var (size, root) = AuditLogClient.CheckNote(certificate.GetProperty("checkpoint").GetString()!, await log.PublicKeyAsync());
        var journalEvents = await log.JournalEventsAsync();
        foreach (var e in events)
        {
            var leaf = e.GetProperty("leafIndex").GetInt64();
            var (pid, seq, hash) = journalEvents[(int)leaf];
            Assert.Equal(("buyer-unit-a", e.GetProperty("seq").GetInt64()), (pid, seq));
            var proof = e.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
            Assert.True(ReferenceMerkle.VerifyInclusion(leaf, size, ReferenceMerkle.Leaf(hash), proof, root));
        }

        var files = Path.Combine(showroom.DataDir, "auditor");
        Directory.CreateDirectory(files);
        var key = Path.Combine(files, "key.pem");
        await File.WriteAllTextAsync(key, await log.PublicKeyPemAsync());
        async Task<AuditCliRun.Result> CheckAsync(string json)
        {
            var path = Path.Combine(files, $"{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(path, json);
            return await AuditCliRun.RunAsync(showroom.DataDir, "check", "certificate", path, "--public-key", key);
        }

        var ok = await CheckAsync(text);
        Assert.True(ok.Code == 0, ok.Output + ok.Error);
        Assert.Contains("ok: unit-a 2026, 4 events", ok.Output);

        // Inflated figures, a dropped event, an altered event, a proof from elsewhere: exit 1, naming what is wrong.
        var inflated = JsonNode.Parse(text)!;
        inflated["figures"]!["quota"]!["certified"] = 300_000;
        Assert.Contains("the figures are not what the events give", (await CheckAsync(inflated.ToJsonString())).Output);
        var dropped = JsonNode.Parse(text)!;
        dropped["events"]!.AsArray().RemoveAt(3);
        Assert.Equal(1, (await CheckAsync(dropped.ToJsonString())).Code);
        var skipped = JsonNode.Parse(text)!;
        skipped["events"]!.AsArray().RemoveAt(1);
        Assert.Contains("skip", (await CheckAsync(skipped.ToJsonString())).Output);
        var altered = JsonNode.Parse(text)!;
        var row = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(altered["events"]![3]!["row"]!.GetValue<string>())).Replace("90000", "99000", StringComparison.Ordinal);
        altered["events"]![3]!["row"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(row));
        Assert.Contains("seq 4: its row does not hash", (await CheckAsync(altered.ToJsonString())).Output);
        var moved = JsonNode.Parse(text)!;
        moved["events"]![2]!["proof"] = moved["events"]![3]!["proof"]!.DeepClone();
        Assert.Contains("seq 3: it is not leaf", (await CheckAsync(moved.ToJsonString())).Output);

        // The CLI prints the same certificate from the journal file, against the latest checkpoint in it.
        await showroom.StopAsync();
        var printed = await AuditCliRun.RunAsync(showroom.DataDir, "quota", "unit-a", "--year", "2026", "--certificate");
        Assert.True(printed.Code == 0, printed.Error);
        Assert.Equal(0, (await CheckAsync(printed.Output)).Code);
    }
}
