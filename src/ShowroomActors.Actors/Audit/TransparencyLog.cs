using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// The transparency log's only writer, a cluster singleton: it follows every event of the journal in journal order
/// through Akka.Persistence.Query's <c>AllEvents</c> (whose sequence retrieval waits for the gaps PostgreSQL leaves
/// when rows commit out of ordering order, so no event is skipped) and appends each event's chain hash as a leaf
/// (<see cref="TransparencyLogStore"/>). Every <c>showroom.audit.checkpoint-every</c> that the log grew, and on demand,
/// it signs a checkpoint with the audit key.
/// <para>
/// When it starts it checks its own tables against the latest checkpoint it signed (in the database, and in the
/// witness file beside the data, which a database-only attacker cannot roll back): a log that no longer matches is
/// reported (<see cref="AuditLogStatus.Problem"/>, an Error log line, 503 to a checkpoint request) and signs nothing more, because a log must
/// never sign a checkpoint inconsistent with an earlier one.
/// </para>
/// </summary>
public sealed class TransparencyLog : ReceiveActor, IWithTimers
{
    private const string CheckpointTimer = "checkpoint";
    private const string DeadlineTimer = "on-demand-deadline";

    private readonly TransparencyLogStore _store;
    private readonly AuditLogSettings _settings;
    private readonly AuditSigningKey _key;
    private readonly CheckpointWitness _witness;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<(long Target, DateTimeOffset Deadline, IActorRef ReplyTo)> _waiting = [];
    private long _size;
    private byte[] _root = MerkleTree.EmptyRoot;
    private long _offset;
    private long? _signedSize;
    private string? _signedNote;
    private string? _problem;
    private bool _resumed;
    private bool _signing;
    private byte[]? _firstEntry;

    public TransparencyLog(TransparencyLogStore store, AuditLogSettings settings, AuditSigningKey key, CheckpointWitness witness, TimeProvider clock)
    {
        _store = store;
        _settings = settings;
        _key = key;
        _witness = witness;
        _clock = clock;

        Receive<Resumed>(resumed =>
        {
            (_size, _root, _offset) = (resumed.Position.Size, resumed.Position.Frontier.Root(), resumed.Position.Offset);
            (_signedSize, _signedNote) = (resumed.CheckpointSize, resumed.CheckpointNote);
            _firstEntry = resumed.FirstEntry;
            _resumed = true;
            if (resumed.Problem is { } problem && _problem is null)
            {
                _problem = problem;
                _log.Error("The transparency log no longer matches the checkpoints it signed: {Problem}. It signs no more checkpoints", problem);
            }
            _log.Info("Transparency log resumes after journal ordering {Offset} with {Size} leaves", _offset, _size);
        });
        Receive<Appended>(appended =>
        {
            (_size, _root, _offset) = (appended.Size, appended.Root, appended.Offset);
            AnswerWaiting();
        });
        Receive<CheckpointDue>(_ =>
        {
            if (_resumed && !_signing && _problem is null && (_signedSize is null || _size > _signedSize)) Sign([]);
        });
        Receive<Signed>(signed =>
        {
            _signing = false;
            (_signedSize, _signedNote) = (signed.Size, signed.Note);
            foreach (var replyTo in signed.ReplyTo) replyTo.Tell(new AuditCheckpointSigned(signed.Note, signed.Size, null));
            AnswerWaiting();
        });
        Receive<SigningFailed>(failed =>
        {
            _signing = false;
            _log.Warning(failed.Cause, "Saving a checkpoint failed; it is signed again at the next interval or request");
            foreach (var replyTo in failed.ReplyTo)
                replyTo.Tell(new AuditCheckpointSigned(null, 0, Rejection.Unavailable("The checkpoint could not be recorded; retry.")));
        });
        Receive<SignAuditCheckpoint>(_ =>
        {
            if (_problem is not null)
            {
                Sender.Tell(new AuditCheckpointSigned(null, 0, Rejection.Unavailable($"The transparency log signs no checkpoint: {_problem}")));
                return;
            }
            var replyTo = Sender;
            _store.JournalMaxOrderingAsync(CancellationToken.None).PipeTo(Self,
                success: ordering => new JournalHead(ordering, replyTo),
                failure: e => new JournalHead(null, replyTo));
        });
        Receive<JournalHead>(head =>
        {
            _waiting.Add((head.Ordering ?? 0, _clock.GetUtcNow() + _settings.OnDemandWait, head.ReplyTo));
            AnswerWaiting();
            if (_waiting.Count > 0) Timers.StartPeriodicTimer(DeadlineTimer, DeadlineCheck.Instance, TimeSpan.FromMilliseconds(200));
        });
        Receive<DeadlineCheck>(_ => AnswerWaiting());
        Receive<GetAuditLogStatus>(_ => Sender.Tell(new AuditLogStatus(_size, _offset, _signedSize, _problem)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TransparencyLogStore store, AuditLogSettings settings, AuditSigningKey key, CheckpointWitness witness, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new TransparencyLog(store, settings, key, witness, clock));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(CheckpointTimer, CheckpointDue.Instance, _settings.CheckpointEvery);
        var self = Self;
        var log = _log;
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var restart = RestartSettings.Create(_settings.MinBackoff, _settings.MaxBackoff, 0.2);

        // The materializer belongs to this actor: when the singleton stops (hand-over, shutdown) the stream stops too.
        RestartSource
            .OnFailuresWithBackoff(() =>
            {
                LogPosition? position = null;
                return Source.FromTask(ProjectionStream.Logged(log, "Transparency log", "resuming", ResumeAsync))
                    .Select(resumed =>
                    {
                        self.Tell(resumed);
                        position = resumed.Position;
                        return resumed.Position.Offset;
                    })
                    .ConcatMany(offset => readJournal.AllEvents(Offset.Sequence(offset)))
                    .GroupedWithin(_settings.BatchSize, _settings.BatchWindow)
                    .SelectAsync(1, envelopes => ProjectionStream.Logged(log, "Transparency log", "appending a batch", async () =>
                    {
                        var (leaves, last) = Leaves(envelopes);
                        position = await _store.AppendAsync(position!, leaves, Math.Max(last, position!.Offset), CancellationToken.None);
                        return new Appended(position.Size, position.Frontier.Root(), position.Offset);
                    }));
            }, restart)
            .RunForeach(appended => self.Tell(appended), Context.Materializer());
    }

    /// <summary>The leaves of a batch (domain events only, in journal order) and the last ordering it read.</summary>
    private (List<LogLeaf> Leaves, long Last) Leaves(IEnumerable<EventEnvelope> envelopes)
    {
        var leaves = new List<LogLeaf>();
        long last = 0;
        foreach (var envelope in envelopes)
        {
            var ordering = ((Sequence)envelope.Offset).Value;
            last = Math.Max(last, ordering);
            // Akka's own bookkeeping (persistence ids starting with '/') is not part of the audit record.
            if (envelope.PersistenceId.StartsWith('/')) continue;
            var entry = new byte[MerkleTree.HashBytes];
            if (envelope.Event is ChainedEvent chained && HashChain.TryParse(chained.Hash, entry))
                leaves.Add(new LogLeaf(ordering, envelope.PersistenceId, envelope.SequenceNr, entry));
            else
                // Not written by an entity (altered before the log read it): left out of the log, so verifying the journal
                // against a checkpoint reports the row as one the log never held.
                _log.Error("Journal row {Ordering} ({PersistenceId} seq {SequenceNr}) is not a readable chained event; the transparency log leaves it out",
                    ordering, envelope.PersistenceId, envelope.SequenceNr);
        }
        return (leaves, last);
    }

    private async Task<Resumed> ResumeAsync()
    {
        var position = await _store.ResumeAsync(CancellationToken.None);
        var latest = (await _store.CheckpointsAsync(1, null, CancellationToken.None)).FirstOrDefault();
        long? signedSize = null;
        var problem = await CheckAsync(latest, position, "the latest checkpoint in the database");
        if (latest is not null && problem is null) signedSize = Checkpoint.Parse(latest).TreeSize;
        // The witness file keeps the last checkpoint this node signed outside the database: a database rolled back to an
        // older copy (with its older checkpoints) no longer holds it.
        var firstEntry = position.Size > 0 ? await _store.EntryAsync(0, CancellationToken.None) : null;
        problem ??= await CheckAsync(_witness.Read(firstEntry), position, $"the checkpoint kept in {_witness.Path}");
        return new Resumed(position, signedSize, latest, firstEntry, problem);
    }

    /// <summary>Null when the log's tables hold what <paramref name="note"/> (if any) committed to; else what is wrong.</summary>
    private async Task<string?> CheckAsync(string? note, LogPosition position, string what)
    {
        if (note is null) return null;
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Verify(note, _key.PublicKey);
        }
        catch (CheckpointException e)
        {
            return $"{what} does not verify with this node's audit key ({e.Message})";
        }
        if (checkpoint.TreeSize > position.Size)
            return $"the log holds {position.Size} events, {what} committed to {checkpoint.TreeSize} (events deleted, or the database rolled back)";
        try
        {
            var root = await _store.RootAsync(checkpoint.TreeSize, CancellationToken.None);
            if (!root.AsSpan().SequenceEqual(checkpoint.RootHash))
                return $"the log's first {checkpoint.TreeSize} events no longer hash to the root {what} signed (its tables were altered)";
        }
        catch (InvalidDataException e)
        {
            return $"{e.Message} ({what})";
        }
        return null;
    }

    private void AnswerWaiting()
    {
        if (_waiting.Count == 0 || !_resumed || _signing) return;
        var now = _clock.GetUtcNow();
        var due = _waiting.Where(w => _offset >= w.Target || now >= w.Deadline).ToList();
        if (due.Count == 0) return;
        _waiting.RemoveAll(due.Contains);
        if (_waiting.Count == 0) Timers.Cancel(DeadlineTimer);
        var replyTo = due.Select(w => w.ReplyTo).ToList();
        if (_problem is not null)
        {
            foreach (var r in replyTo) r.Tell(new AuditCheckpointSigned(null, 0, Rejection.Unavailable($"The transparency log signs no checkpoint: {_problem}")));
            return;
        }
        if (_signedSize == _size && _signedNote is not null)
        {
            foreach (var r in replyTo) r.Tell(new AuditCheckpointSigned(_signedNote, _size, null));
            return;
        }
        Sign(replyTo);
    }

    private void Sign(IReadOnlyList<IActorRef> replyTo)
    {
        _signing = true;
        var checkpoint = new Checkpoint(_settings.Origin, _size, _root, _clock.GetUtcNow());
        var note = checkpoint.Sign(body => _key.Sign(body), _key.PublicKey.KeyId);
        var witness = _witness;
        var store = _store;
        var firstEntry = _firstEntry;
        SaveAsync().PipeTo(Self, success: () => new Signed(checkpoint.TreeSize, note, replyTo), failure: e => new SigningFailed(e, replyTo));

        async Task SaveAsync()
        {
            await store.SaveCheckpointAsync(checkpoint, note, CancellationToken.None);
            firstEntry ??= checkpoint.TreeSize > 0 ? await store.EntryAsync(0, CancellationToken.None) : null;
            if (firstEntry is not null) witness.Write(firstEntry, note);
        }
    }

    private sealed record Resumed(LogPosition Position, long? CheckpointSize, string? CheckpointNote, byte[]? FirstEntry, string? Problem);
    private sealed record Appended(long Size, byte[] Root, long Offset);
    private sealed record Signed(long Size, string Note, IReadOnlyList<IActorRef> ReplyTo);
    private sealed record SigningFailed(Exception Cause, IReadOnlyList<IActorRef> ReplyTo);
    private sealed record JournalHead(long? Ordering, IActorRef ReplyTo);

    private sealed class CheckpointDue
    {
        public static readonly CheckpointDue Instance = new();
    }

    private sealed class DeadlineCheck
    {
        public static readonly DeadlineCheck Instance = new();
    }
}
