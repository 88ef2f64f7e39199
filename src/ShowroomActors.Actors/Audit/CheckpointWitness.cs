namespace ShowroomActors.Actors.Audit;

/// <summary>
/// The last checkpoint this node signed, kept in a file beside the data (<c>audit-checkpoint.txt</c> in the data folder)
/// rather than only in the database, so that a database rolled back to an older copy is found at the next start: the
/// older copy no longer holds what the file commits to. The file also names the log's first entry, so a checkpoint of
/// another journal (a fresh database in the same folder) is told apart and ignored.
/// </summary>
public sealed class CheckpointWitness(string path)
{
    public const string FileName = "audit-checkpoint.txt";
    private const string FirstLeafPrefix = "first-leaf ";

    public string Path => path;

    /// <summary>The kept note, when it belongs to the log whose first entry is <paramref name="firstEntry"/>; else null.</summary>
    public string? Read(byte[]? firstEntry)
    {
        if (firstEntry is null || !File.Exists(path)) return null;
        var text = File.ReadAllText(path);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || !text.StartsWith(FirstLeafPrefix, StringComparison.Ordinal)) return null;
        return text[FirstLeafPrefix.Length..newline] == Convert.ToHexStringLower(firstEntry) ? text[(newline + 1)..] : null;
    }

    /// <summary>Replaces the kept note (written under a temporary name, then moved into place).</summary>
    public void Write(byte[] firstEntry, string note)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, $"{FirstLeafPrefix}{Convert.ToHexStringLower(firstEntry)}\n{note}");
        File.Move(temporary, path, overwrite: true);
    }
}
