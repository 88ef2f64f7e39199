namespace ShowroomActors.Domain.Shelves;

/// <summary>How one device event relates to what the slot has seen from that device.</summary>
public enum SequenceVerdict
{
    /// <summary>The first event since the device was bound: taken as is.</summary>
    First,
    /// <summary>The next seq of the current boot.</summary>
    Next,
    /// <summary>A later seq of the current boot: events were lost in between.</summary>
    Gap,
    /// <summary>A higher boot counter: the device restarted and its numbering with it.</summary>
    Reboot,
    /// <summary>Seq at or below the last seen in this boot: a redelivery. Makes no event.</summary>
    Duplicate,
    /// <summary>From an earlier boot than the current one: a late redelivery. Makes no event.</summary>
    Stale,
}

/// <summary>
/// Per-device sequence rules. A device numbers its events 0, 1, 2, … within a boot; the boot counter (Sparkplug's
/// bdSeq idea) grows by at least one on every restart and is kept in the device's flash. The pair (boot, seq) is
/// therefore strictly increasing over the device's life, and anything not above the last pair seen is a redelivery.
/// </summary>
public static class SequenceRules
{
    public static SequenceVerdict Classify(long? lastBoot, long? lastSeq, long boot, long seq)
    {
        if (lastBoot is not { } currentBoot || lastSeq is not { } last) return SequenceVerdict.First;
        if (boot < currentBoot) return SequenceVerdict.Stale;
        if (boot > currentBoot) return SequenceVerdict.Reboot;
        if (seq <= last) return SequenceVerdict.Duplicate;
        return seq == last + 1 ? SequenceVerdict.Next : SequenceVerdict.Gap;
    }

    /// <summary>The seq expected next: after a reboot the device starts again at 0.</summary>
    public static long Expected(SequenceVerdict verdict, long? lastSeq) =>
        verdict == SequenceVerdict.Reboot ? 0 : (lastSeq ?? -1) + 1;
}
