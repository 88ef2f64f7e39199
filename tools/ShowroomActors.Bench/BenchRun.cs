using System.Globalization;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.Bench;

/// <summary>What a section measures with: the sizes, the work folder, the PostgreSQL server (or none) and the figure list.</summary>
public sealed class BenchRun(Scale scale, string work, string? postgresServer, IReadOnlySet<string> selected)
{
    private readonly List<Figure> _figures = [];

    public Scale Scale => scale;
    public string Work => work;
    /// <summary>Connection string of the PostgreSQL server (each backend makes its own database on it), or null.</summary>
    public string? PostgresServer => postgresServer;
    public IReadOnlyList<Figure> Figures => _figures;

    /// <summary>Whether section <paramref name="name"/> runs in this invocation.</summary>
    public bool Selected(string name) => selected.Contains(name);

    /// <summary>Records a figure and prints it at once.</summary>
    public void Add(Figure figure)
    {
        _figures.Add(figure);
        ProgressDisplay.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {figure.Name} [{figure.Backend}]: {figure.Value:N1} {figure.Unit}"));
    }
}

/// <summary>Sizes: full runs follow the issues' figures; --quick finishes in about a minute.</summary>
public sealed record Scale(bool Quick)
{
    public int Slots => 100;
    public TimeSpan WarmUp => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(8);
    public TimeSpan Duration => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
    public double[] FixedRates => Quick ? [100] : [100, 400];
    public int RecoveryEntities => Quick ? 1_000 : 10_000;
    public int ReplayEvents => Quick ? 20_000 : 100_000;
    public int VerifyAllEvents => Quick ? 100_000 : 1_000_000;
    public int MemoryEntities => Quick ? 10_000 : 100_000;
    /// <summary>Simulated time of the storage figure's shelf.</summary>
    public TimeSpan StorageSpan => Quick ? TimeSpan.FromMinutes(10) : TimeSpan.FromHours(1);
}
