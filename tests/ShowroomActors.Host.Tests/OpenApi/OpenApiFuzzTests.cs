using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using ShowroomActors.Host.Demo;
using ShowroomActors.Host.Tests.Support;
using Xunit.Abstractions;

namespace ShowroomActors.Host.Tests.OpenApi;

/// <summary>
/// Issue 15 item 4: no request, however malformed, gets a 5xx. CsCheck generates requests from the served document:
/// every operation, with path and query values from real ids to garbage, bodies from the documented examples mutated
/// (keys dropped, values of other types, keys twice) to random JSON and text, any content type and charset, and no,
/// wrong or real keys. A failure shrinks to the smallest request that still fails.
/// </summary>
public sealed class OpenApiFuzzTests(ITestOutputHelper output)
{
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("SHOWROOM_FUZZ_REQUESTS"), out var n) ? n : 3000;

    /// <summary>Every answer's headers must come within this: a request that hangs is a failure too, not a stalled test.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private static readonly Gen<string> Value = Gen.Frequency(
        (3, Gen.OneOf("dongyuan-simiao-rice-5kg", "A-01", "yantian-peoples-hospital", "2026", "product-dongyuan-simiao-rice-5kg",
            "0198f0c2-7a1b-7c3d-8e4f-000000000077", "true", "json", "csv", "html", "2026-01-31", "2026-11-29T08:00:00Z")),
        (2, Gen.OneOf("", " ", "x\n", "%", "%00", "../etc/passwd", new string('a', 300), "1e309", "-1", "0", "99999999999999999999",
            "null", "🎉", "米\u0000", "2026-13-45", "9999-12-31T23:59:59Z", "<script>", "' OR 1=1 --")),
        (2, Gen.String),
        (1, Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    // Declared before Json, which uses it: static fields initialise in order.
    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null),
        Value.Select(s => (JsonNode?)JsonValue.Create(s)));

    private static readonly Gen<JsonNode?> Json = Gen.Recursive<JsonNode?>((depth, json) => depth > 3
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, json.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()))),
            (1, Gen.Select(Value, json).Array[0, 4].Select(members =>
            {
                var o = new JsonObject();
                foreach (var (k, v) in members) o[k] = v?.DeepClone();
                return (JsonNode?)o;
            }))));

    /// <summary>A body: a documented example mutated, random JSON, or text that is not JSON at all.</summary>
    private static Gen<string?> Body(JsonNode? example) => Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (4, Gen.Select(Gen.Int[0, 3], Value, Json, Gen.Int[0, 20], (how, key, replacement, pick) => (string?)Mutate(example, how, key, replacement, pick))),
        (2, Json.Select(j => j?.ToJsonString() ?? "null")),
        (1, Gen.OneOf(Gen.String.Select(s => (string?)s),
            Gen.OneOf<string?>("{", "[", "{}", "[]", "\"", "{\"events\":", new string('[', 2000) + new string(']', 2000), "\uFEFF{}"))));

    private static string Mutate(JsonNode? example, int how, string key, JsonNode? replacement, int pick)
    {
        if (example?.DeepClone() is not JsonObject body) return replacement?.ToJsonString() ?? "{}";
        var keys = body.Select(p => p.Key).ToList();
        var target = keys.Count > 0 ? keys[pick % keys.Count] : key;
        switch (how)
        {
            case 0: body.Remove(target); break;
            case 1: body[target] = replacement?.DeepClone(); break;
            case 2: body[key] = replacement?.DeepClone(); break;
            default:
                // The same key twice: text, since a JsonObject cannot hold it.
                var text = body.ToJsonString();
                return text.Length > 2 ? $"{{\"{target}\":{replacement?.ToJsonString() ?? "null"},{text[1..]}" : text;
        }
        return body.ToJsonString();
    }

    private static readonly Gen<string?> ContentType = Gen.OneOf<string?>("application/json", "application/json; charset=utf-8",
        "application/json; charset=utf-16", "application/json; charset=latin1", "text/plain", "application/x-www-form-urlencoded", null);

    private static readonly Gen<string?> Key = Gen.OneOf<string?>(null, TestShowroom.OperatorKey, TestShowroom.AuditorKey, "wrong-key", "");

    private static readonly Gen<string?> Header = Gen.Frequency((2, Gen.Const((string?)null)), (1, Value.Select(v => (string?)v)),
        (1, Gen.OneOf<string?>("demo-device-key-lc-a01", "fuzz-key-1", "41")));

    [Fact]
    public async Task No_request_generated_from_the_document_gets_a_server_error()
    {
        await using var showroom = await TestShowroom.StartAsync(demo: true);
        await showroom.Services.GetRequiredService<DemoLoader>().Completion;
        var operations = await ServedDocument.OperationsAsync(showroom);
        using var client = new HttpClient { BaseAddress = showroom.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        var requests = Gen.Int[0, operations.Count - 1].SelectMany(i =>
        {
            var operation = operations[i];
            return Gen.Select(Value.Array[operation.Parameters.Count], Gen.Bool.Array[operation.Parameters.Count],
                Body(operation.Example?["body"]), ContentType, Key, Gen.Select(Header, Header, Header),
                (values, present, body, type, key, headers) => new FuzzRequest(operation, values, present, body, type, key, headers));
        });

        var sent = 0;
        var watch = Stopwatch.StartNew();
        await requests.SampleAsync(async request =>
        {
            using var message = request.ToMessage();
            using var deadline = new CancellationTokenSource(Deadline);
            HttpResponseMessage response;
            try { response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token); }
            // A display stream resumed up to date (Last-Event-ID = the current version) is quiet until the next frame or
            // keep-alive, and its headers come with that first frame: no answer yet there is not a failure.
            catch (OperationCanceledException) when (request.Operation.Path.EndsWith("/stream", StringComparison.Ordinal)) { return; }
            catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"{request}: no answer within {Deadline.TotalSeconds} s"); }
            using var _ = response;
            sent++;
            // The body is read only for a failure: a display stream that answered 200 never ends.
            if ((int)response.StatusCode >= 500)
                throw new Xunit.Sdk.XunitException($"{request}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }, iter: Requests, threads: 1, print: r => r.ToString());
        output.WriteLine($"{sent} requests in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private sealed record FuzzRequest(DocumentedOperation Operation, string[] Values, bool[] Present, string? Body, string? ContentType,
        string? Key, (string? Idempotency, string? Device, string? LastEventId) Headers)
    {
        public HttpRequestMessage ToMessage()
        {
            var path = Operation.Path;
            var query = new List<string>();
            for (var i = 0; i < Operation.Parameters.Count; i++)
            {
                var (name, location) = Operation.Parameters[i];
                if (location == "path") path = path.Replace("{" + name + "}", Uri.EscapeDataString(Values[i]), StringComparison.Ordinal);
                else if (location == "query" && Present[i]) query.Add($"{name}={Uri.EscapeDataString(Values[i])}");
            }
            var message = new HttpRequestMessage(new HttpMethod(Operation.Method), query.Count == 0 ? path : path + "?" + string.Join('&', query));
            if (Key is not null) message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Printable(Key));
            if (Headers.Idempotency is { } idempotency) message.Headers.TryAddWithoutValidation("Idempotency-Key", Printable(idempotency));
            if (Headers.Device is { } device) message.Headers.TryAddWithoutValidation("X-Device-Key", Printable(device));
            if (Headers.LastEventId is { } last) message.Headers.TryAddWithoutValidation("Last-Event-ID", Printable(last));
            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
                if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            return message;
        }

        /// <summary>Header values a client can send at all (HttpClient refuses control characters itself).</summary>
        private static string Printable(string text) => new(text.Where(c => c is >= ' ' and <= '~').ToArray());

        public override string ToString() =>
            $"{Operation.Method} {Operation.Path} values=[{string.Join(", ", Values.Select(v => $"\"{v}\""))}] key={Key ?? "-"} " +
            $"type={ContentType ?? "-"} headers={Headers} body={Body?[..Math.Min(Body.Length, 300)]}";
    }
}
