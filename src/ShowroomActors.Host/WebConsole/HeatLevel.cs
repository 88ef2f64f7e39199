namespace ShowroomActors.Host.WebConsole;

/// <summary>The shade of a heatmap cell: 0 for none, else 1-4 by its share of the day's peak (the peak is 4).</summary>
public static class HeatLevel
{
    public static int Of(int value, int peak) =>
        value <= 0 || peak <= 0 ? 0 : Math.Clamp((int)Math.Ceiling(4.0 * value / peak), 1, 4);
}
