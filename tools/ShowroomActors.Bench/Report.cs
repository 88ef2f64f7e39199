using System.Globalization;

namespace ShowroomActors.Bench;

/// <summary>
/// The final table. Rates are compared with the storage ceiling of the same database (a) and every figure with
/// the same figure on the in-memory journal (b): ratios hold on a noisy shared machine where absolute numbers drift.
/// </summary>
public static class Report
{
    public static void Print(IReadOnlyList<Figure> figures, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"figure",-52} {"backend",-16} {"value",14} {"unit",-9} {"vs (a) ceiling",15} {"vs (b) in-memory",17}");
        output.WriteLine(new string('-', 128));
        foreach (var f in figures)
        {
            var ceiling = f.Unit is "events/s" or "requests/s" && !f.Name.StartsWith("replay", StringComparison.Ordinal)
                ? figures.FirstOrDefault(c => c.Backend == "ceiling:" + f.Backend)
                : null;
            var memory = f.Backend.StartsWith("ceiling:", StringComparison.Ordinal) || f.Backend is "in-memory" or "http"
                ? null
                : figures.FirstOrDefault(m => m.Backend == "in-memory" && m.Name == f.Name);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{f.Name,-52} {f.Backend,-16} {f.Value,14:N1} {f.Unit,-9} {Ratio(f.Value, ceiling?.Value),15} {Ratio(f.Value, memory?.Value),17}"));
            if (f.Note is not null) output.WriteLine($"    ({f.Note})");
        }
    }

    private static string Ratio(double value, double? reference) =>
        reference is { } r && r > 0 ? (value / r).ToString("0.00x", CultureInfo.InvariantCulture) : "-";
}
