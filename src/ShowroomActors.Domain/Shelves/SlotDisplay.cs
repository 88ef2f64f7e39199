using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Shelves;

public enum DisplayMode
{
    Idle,
    Product,
}

/// <summary>What a slot's screen shows: published to screens on every change and read by <c>GET …/display</c>.</summary>
public sealed record SlotDisplay(string SlotId, DisplayMode Mode, long Version, SlotProduct? Product) : IShowroomMessage;

/// <summary>
/// The display part of a slot's state. <see cref="ShownAt"/> is when the current product mode began; the last lift
/// and return times decide when it ends (see <see cref="DisplayRules"/>).
/// </summary>
public sealed record DisplayState(DisplayMode Mode, long Version, DateTimeOffset? ShownAt, DateTimeOffset? LastLiftAt, DateTimeOffset? LastReturnAt)
{
    public static readonly DisplayState Initial = new(DisplayMode.Idle, 0, null, null, null);
}

/// <summary>
/// Display timing. A lift shows the product at once. The screen goes idle, once nothing is lifted any more, at
/// max(last return + linger, shown + minimum play); while items are still out, at last lift + maximum play. A lift
/// during the linger keeps the product on screen without a change, so a quick lift and return never flickers.
/// </summary>
public static class DisplayRules
{
    /// <summary>When the product mode ends, or null when the screen is idle.</summary>
    public static DateTimeOffset? IdleDueAt(DisplayState display, int itemsOut, SlotRules rules)
    {
        if (display.Mode != DisplayMode.Product || display.ShownAt is not { } shown) return null;
        if (itemsOut > 0 || display.LastReturnAt is not { } returned || returned < (display.LastLiftAt ?? shown))
            return (display.LastLiftAt ?? shown) + rules.MaxPlay;
        var lingerEnd = returned + rules.DisplayLinger;
        var playEnd = shown + rules.MinPlay;
        return lingerEnd > playEnd ? lingerEnd : playEnd;
    }
}
