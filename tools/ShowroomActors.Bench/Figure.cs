namespace ShowroomActors.Bench;

/// <summary>One measured number: what, on which backend, and whether higher is better (rates) or lower (times).</summary>
public sealed record Figure(string Name, string Backend, double Value, string Unit, bool HigherIsBetter)
{
    /// <summary>Optional note printed after the figure (e.g. the goal it is tracked against).</summary>
    public string? Note { get; init; }
}
