using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Actors.Catalog;

/// <summary>
/// Lifts per slot per hour of the showroom's day (China Standard Time), for the floor's heatmap: part of the catalog
/// read model, fed from the same journal events as the slots' lift counts (a sensor batch's lifted items, at the
/// server's arrival time of the batch; a legacy <c>ItemsMoved</c> at its own time), so it is rebuilt from the journal
/// on start like the rest of the view and no restart loses it. Keeps the last <see cref="KeepDays"/> days before the
/// newest lift it has seen; older hours are dropped (the journal still has every lift).
/// </summary>
public sealed class LiftHours
{
    public const int KeepDays = 14;
    private const int HoursKept = KeepDays * 24;

    /// <summary>Lifts by slot, then by hour (hours since the Unix epoch in China Standard Time).</summary>
    private readonly Dictionary<string, Dictionary<long, int>> _bySlot = new(StringComparer.Ordinal);
    /// <summary>The newest hour seen; null before the first lift.</summary>
    private long? _newestHour;

    public void Add(string slotId, DateTimeOffset at, int lifted)
    {
        if (lifted <= 0) return;
        var hour = HourOf(at);
        if (_newestHour is { } newest && hour <= newest - HoursKept) return;
        if (_newestHour is null || hour > _newestHour)
        {
            var newDay = _newestHour is not { } before || hour / 24 != before / 24;
            _newestHour = hour;
            if (newDay) Prune(hour - HoursKept);
        }
        if (!_bySlot.TryGetValue(slotId, out var hours)) _bySlot[slotId] = hours = [];
        hours[hour] = hours.GetValueOrDefault(hour) + lifted;
    }

    /// <summary>The 24 hours of <paramref name="day"/> (China Standard Time) of each slot with lifts that day.</summary>
    public IReadOnlyDictionary<string, int[]> Day(DateOnly day)
    {
        var first = (long)(day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * 24;
        var result = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (slotId, hours) in _bySlot)
        {
            int[]? row = null;
            for (var h = 0; h < 24; h++)
            {
                if (!hours.TryGetValue(first + h, out var lifts)) continue;
                row ??= new int[24];
                row[h] = lifts;
            }
            if (row is not null) result[slotId] = row;
        }
        return result;
    }

    private static long HourOf(DateTimeOffset at) => (at.ToUnixTimeSeconds() + (long)QuotaCalendar.Offset.TotalSeconds) / 3600;

    private void Prune(long oldest)
    {
        foreach (var hours in _bySlot.Values)
            foreach (var hour in hours.Keys.Where(h => h <= oldest).ToList())
                hours.Remove(hour);
    }
}
