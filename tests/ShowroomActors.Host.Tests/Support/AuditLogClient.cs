using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ShowroomActors.Host.Tests.Support;

/// <summary>
/// What the transparency-log tests do against a host: write events, sign checkpoints, read the journal's chain hashes,
/// and check a signed note by hand (the C2SP layout and .NET's ECDSA, not the production checkpoint code).
/// </summary>
public sealed class AuditLogClient(Func<TestShowroom> showroom)
{
    private TestShowroom Showroom => showroom();

    /// <summary>Registers the sample product (when <paramref name="first"/> is 1) and receives <paramref name="batches"/> stock batches.</summary>
    public async Task RecordAsync(int batches, int first = 1)
    {
        if (first == 1) Assert.Equal(HttpStatusCode.Created, (await Showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu())).StatusCode);
        for (var i = first; i < first + batches; i++)
            Assert.Equal(HttpStatusCode.OK, (await Showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 1, batch = $"B-{i}" })).StatusCode);
    }

    /// <summary>Every event in journal order as (persistence id, seq, raw chain hash), read from the audit listing (the journal's rows).</summary>
    public async Task<List<(string Pid, long Seq, byte[] Hash)>> JournalEventsAsync()
    {
        var events = new List<(string, long, byte[])>();
        long after = 0;
        while (true)
        {
            var page = await TestShowroom.JsonAsync(await Showroom.GetAsync($"/api/v1/audit/events?after={after}&limit=10000", TestShowroom.AuditorKey));
            events.AddRange(page.GetProperty("events").EnumerateArray().Select(e =>
                (e.GetProperty("persistenceId").GetString()!, e.GetProperty("seq").GetInt64(), Convert.FromHexString(e.GetProperty("hash").GetString()!))));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) return events;
            after = page.GetProperty("next").GetInt64();
        }
    }

    public async Task<JsonElement> SignAsync()
    {
        var response = await Showroom.PostAsync("/api/v1/audit/checkpoints", null, TestShowroom.AuditorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestShowroom.JsonAsync(response);
    }

    public async Task<string> PublicKeyPemAsync()
    {
        var response = await Showroom.GetAsync("/api/v1/audit/public-key", TestShowroom.AuditorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<ECDsa> PublicKeyAsync()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(await PublicKeyPemAsync());
        return key;
    }

    /// <summary>Checks a C2SP signed note by hand: the body up to the blank line, one "— origin base64(keyid||sig)" line.</summary>
    public static (long Size, byte[] Root) CheckNote(string note, ECDsa key)
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
}
