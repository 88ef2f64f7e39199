namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// The slot's own health facts beside its device's: items lifted and not returned for too long, and stock on the shelf
/// below the low-stock threshold. Both are flags in the state, raised and cleared by events
/// (<see cref="LiftOverdueChanged"/>, <see cref="StockFlagChanged"/>), so an alert opens once and closes once.
/// </summary>
public sealed partial record SlotState
{
    /// <summary>When the slot last went from no item out to some (null with none out).</summary>
    public DateTimeOffset? LiftedSince { get; init; }
    /// <summary>A <see cref="LiftOverdueChanged"/> raised the lifted-too-long flag and nothing cleared it yet.</summary>
    public bool LiftOverdue { get; init; }
    /// <summary>A <see cref="StockFlagChanged"/> raised the low-stock flag and nothing cleared it yet.</summary>
    public bool StockLow { get; init; }

    /// <summary>
    /// When items out become lifted too long, or null (none out, flag already raised, or the rule off). A state
    /// recovered from a snapshot written before <see cref="LiftedSince"/> existed falls back to the last lift.
    /// </summary>
    public DateTimeOffset? LiftOverdueAt(SlotRules rules) =>
        Out > 0 && !LiftOverdue && rules.LiftedTooLong > TimeSpan.Zero && (LiftedSince ?? Display.LastLiftAt) is { } since
            ? since + rules.LiftedTooLong
            : null;

    /// <summary>The lifted-too-long flag, when it fell due by <paramref name="now"/> (from <see cref="Tick"/>).</summary>
    private static LiftOverdueChanged? DueLiftOverdue(SlotState state, DateTimeOffset now, SlotRules rules) =>
        state.LiftOverdueAt(rules) is { } at && at <= now
            ? new LiftOverdueChanged(state.SlotId, true, state.Out, state.LiftedSince ?? state.Display.LastLiftAt, "overdue", now)
            : null;

    /// <summary>After a request's readings: every item is back, so a raised lifted-too-long flag clears.</summary>
    private static LiftOverdueChanged? LiftBack(SlotState after, DateTimeOffset now) =>
        after.LiftOverdue && after.Out == 0 ? new LiftOverdueChanged(after.SlotId, false, 0, null, "returned", now) : null;

    /// <summary>After a request's readings: the count crossed the low-stock threshold (either way).</summary>
    private static StockFlagChanged? StockCrossed(SlotState after, DateTimeOffset now, SlotRules rules)
    {
        if (after.EstimatedCount is not { } count || after.Product is not { } product || rules.LowStockBelow <= 0) return null;
        var low = count < rules.LowStockBelow;
        return low == after.StockLow ? null : new StockFlagChanged(after.SlotId, product.ProductId, count, rules.LowStockBelow, low, "count", now);
    }

    /// <summary>
    /// A new binding reset the pickup counters or the count (another product or device): the flags they raised clear,
    /// recorded right after the <see cref="SlotBound"/>.
    /// </summary>
    private static IEnumerable<ISlotEvent> ClearedByRebind(SlotState bound, DateTimeOffset now, SlotRules rules)
    {
        if (bound.LiftOverdue && bound.Out == 0) yield return new LiftOverdueChanged(bound.SlotId, false, 0, null, "rebound", now);
        if (bound.StockLow && bound.EstimatedCount is null)
            yield return new StockFlagChanged(bound.SlotId, bound.Product!.ProductId, null, rules.LowStockBelow, false, "rebound", now);
    }

    /// <summary>The new <see cref="LiftedSince"/> once <paramref name="itemsOut"/> are out after a request that lifted at <paramref name="liftAt"/>.</summary>
    private static DateTimeOffset? LiftedSinceAfter(SlotState state, int itemsOut, DateTimeOffset? liftAt) =>
        itemsOut == 0 ? null : state.Out == 0 || state.LiftedSince is null ? liftAt ?? state.Display.LastLiftAt : state.LiftedSince;
}
