using ShowroomActors.Client;

namespace ShowroomActors.LoadGen;

/// <summary>The device events of the measured batches, counted from many sends at once.</summary>
public sealed class DeviceEventCounts
{
    private long _sent;
    private long _accepted;
    private long _folded;
    private long _duplicates;
    private long _rejected;
    private long _batchesWaited;

    public void Sent(int events) => Interlocked.Add(ref _sent, events);

    public void Answered(IngestAnswer answer)
    {
        Interlocked.Add(ref _accepted, answer.Accepted);
        Interlocked.Add(ref _folded, answer.Folded);
        Interlocked.Add(ref _duplicates, answer.Duplicates);
        Interlocked.Add(ref _rejected, answer.Rejected);
    }

    /// <summary>A measured batch found every device busy with an earlier batch and waited for one.</summary>
    public void Waited() => Interlocked.Increment(ref _batchesWaited);

    public DeviceEventsReport Report(double seconds)
    {
        var kept = Interlocked.Read(ref _accepted) + Interlocked.Read(ref _folded);
        return new DeviceEventsReport(Interlocked.Read(ref _sent), Interlocked.Read(ref _accepted), Interlocked.Read(ref _folded),
            Interlocked.Read(ref _duplicates), Interlocked.Read(ref _rejected), seconds > 0 ? kept / seconds : 0, Interlocked.Read(ref _batchesWaited));
    }
}
