using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace ShowroomActors.Client;

/// <summary>One Server-Sent Events message: its <c>event:</c> name (default <c>message</c>), <c>id:</c>, joined <c>data:</c> lines, and when its blank line arrived (Stopwatch ticks).</summary>
public sealed record SseEvent(string Event, string? Id, string Data, long ArrivedTicks);

/// <summary>
/// Reads a text/event-stream (the HTML living standard's rules, as the display stream writes it): fields
/// <c>event</c>, <c>id</c>, <c>data</c> (several data lines join with a newline), an optional single space after
/// the colon, comment lines starting with ':', a blank line ending each message. <c>retry</c> and unknown fields are
/// ignored. The one parser of the API's streams for every tool (and the host tests).
/// </summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, Action<string>? onComment = null,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        string? name = null, id = null;
        StringBuilder? data = null;
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null) yield return new SseEvent(name ?? "message", id, data.ToString(), Stopwatch.GetTimestamp());
                name = null;
                data = null;
                continue;
            }
            if (line[0] == ':')
            {
                onComment?.Invoke(line);
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "event": name = value; break;
                case "id": id = value; break;
                case "data":
                    if (data is null) data = new StringBuilder(value);
                    else data.Append('\n').Append(value);
                    break;
            }
        }
    }
}
