using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// Lets callers fail fast while the journal's database is down. After a request failed for want of the journal
/// (<see cref="ReportFailure"/>), further requests first check that the database accepts a connection (at most
/// one probe per <see cref="ProbeInterval"/>) and are refused at once while it does not; a successful answer
/// (<see cref="ReportSuccess"/>) opens the gate again. Without failures it costs nothing. It also remembers since when
/// requests have been failing without one success, and why (<see cref="Failing"/>), which readiness reports.
/// </summary>
public sealed class JournalGate(ShowroomSettings settings, TimeProvider clock)
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private bool _suspect;
    private DateTimeOffset _probedAt = DateTimeOffset.MinValue;
    private Task<bool>? _probe;
    private JournalFailure? _failing;

    /// <summary>Since when requests have failed for want of the journal, with no success since, and the last reason; null when not failing.</summary>
    public JournalFailure? Failing
    {
        get
        {
            lock (_lock) return _failing;
        }
    }

    /// <summary>False while the journal's database is known to refuse connections.</summary>
    public async Task<bool> IsOpenAsync()
    {
        Task<bool> probe;
        lock (_lock)
        {
            if (!_suspect) return true;
            var now = clock.GetUtcNow();
            if (_probe is null || (_probe.IsCompleted && now - _probedAt >= ProbeInterval))
            {
                _probedAt = now;
                _probe = JournalStore.IsReachableAsync(settings, ProbeTimeout);
            }
            probe = _probe;
        }
        return await probe;
    }

    public void ReportFailure(string reason)
    {
        lock (_lock)
        {
            _suspect = true;
            _failing = new JournalFailure(_failing?.Since ?? clock.GetUtcNow(), reason);
        }
    }

    public void ReportSuccess()
    {
        lock (_lock)
        {
            _suspect = false;
            _probe = null;
            _failing = null;
        }
    }
}

/// <summary>Requests have failed for want of the journal since <see cref="Since"/>; <see cref="Reason"/> is the last failure's.</summary>
public sealed record JournalFailure(DateTimeOffset Since, string Reason);
