namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// The timing and detection rules of every slot (from hocon/showroom.conf, <c>showroom.shelves</c>). Passed to
/// Decide, never stored: changing them changes future decisions, not recorded facts.
/// </summary>
public sealed record SlotRules
{
    /// <summary>A load-cell reading counts once readings stayed within the tolerance this long (no-motion rule).</summary>
    public TimeSpan StableFor { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>After the last return, the screen lingers on the product this long before going idle.</summary>
    public TimeSpan DisplayLinger { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The screen shows a product at least this long, however quick the return.</summary>
    public TimeSpan MinPlay { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>With items still lifted (perhaps carried to the counter) the screen goes idle this long after the last lift.</summary>
    public TimeSpan MaxPlay { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>No accepted event for this long marks the device offline.</summary>
    public TimeSpan DeviceOfflineAfter { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>A device clock further than this from server time is noted as skewed.</summary>
    public TimeSpan ClockSkewTolerance { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Battery below this percentage raises the low-battery flag.</summary>
    public int BatteryLowBelow { get; init; } = 20;
    /// <summary>The flag clears only at this percentage or more, so a battery at the edge does not flap.</summary>
    public int BatteryOkFrom { get; init; } = 25;

    /// <summary>
    /// Readings that record no fact are folded into the slot's steady run, which is summarised in the journal at least
    /// this often (and whenever the slot records anything else), so an auditor sees continuous coverage per device.
    /// A crash loses at most this long of folded readings, never a fact.
    /// </summary>
    public TimeSpan SteadySummaryEvery { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>A battery reading this many percentage points or more from the last recorded one is recorded, not folded.</summary>
    public int BatteryChangeRecordedFrom { get; init; } = 5;

    /// <summary>Items lifted and not all put back for this long raise the lifted-too-long flag (zero: never).</summary>
    public TimeSpan LiftedTooLong { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// Fewer items than this on the shelf (the load cell's count) raise the low-stock flag; this many or more clear it
    /// (zero: never). A slot typically holds 10 to 20 units; 3 leaves time to restock before it is empty.
    /// </summary>
    public int LowStockBelow { get; init; } = 3;

    public static readonly SlotRules Default = new();
}
