using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ShowroomActors.Audit.Commands;

/// <summary>Where a command writes (the invocation's writers, so tests can capture them) and JSON rendering.</summary>
public static class Output
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TextWriter Out(this ParseResult parsed) => parsed.InvocationConfiguration.Output;
    public static TextWriter Err(this ParseResult parsed) => parsed.InvocationConfiguration.Error;

    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
