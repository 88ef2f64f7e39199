using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Application.Shelves;

/// <summary>An event of a batch that was not recorded, by its index in the batch, and why (its field prefixed <c>events[i].</c>).</summary>
public sealed record RejectedSensorEvent(int Index, Rejection Why);

/// <summary>
/// How a sensor batch went: readings accepted (each persisted as a row), readings folded into their slot's steady run
/// (taken in, only confirming the slot's settled state, summarised in a later row: docs/SHELVES.md), redeliveries
/// ignored, and the events rejected, by index. <see cref="NothingAccepted"/>: every event was rejected
/// (<see cref="FirstRejection"/> says why the first one was).
/// </summary>
public sealed record SensorIngestResult(int Accepted, int Folded, int Duplicates, IReadOnlyList<RejectedSensorEvent> Rejected)
{
    public bool NothingAccepted => Accepted + Folded + Duplicates == 0;
    public Rejection? FirstRejection => Rejected.Count > 0 ? Rejected[0].Why : null;
}

/// <summary>
/// Sensor ingest, for the HTTP API and the MQTT ingest alike. The events are grouped per slot. The device key is
/// checked against every slot named before anything is persisted (refused as a whole, <see cref="RejectionCode.Unauthorized"/>,
/// if it does not belong to a device an event names); then each slot persists its group with one PersistAll, and the
/// answer comes after all of them are persisted.
/// </summary>
public sealed class SensorIngest(ActorGateway actors)
{
    public const int MaxEventsPerBatch = 1000;

    /// <summary>Reads the batch JSON (<see cref="SensorBatchJson"/>) and ingests it.</summary>
    public async Task<Outcome<SensorIngestResult>> IngestJsonAsync(DeviceSecret key, string keyField, ReadOnlyMemory<byte> body, CancellationToken cancel)
    {
        var events = SensorBatchJson.Read(body.Span);
        return events.IsAccepted ? await IngestAsync(key, keyField, events.Value, cancel) : events.Rejection;
    }

    /// <summary>
    /// Ingests <paramref name="events"/> with <paramref name="key"/>; <paramref name="keyField"/> names where the key came
    /// from (the <c>X-Device-Key</c> header, the MQTT connection) in a refusal.
    /// </summary>
    public async Task<Outcome<SensorIngestResult>> IngestAsync(DeviceSecret key, string keyField, IReadOnlyList<SensorEventInput> events, CancellationToken cancel)
    {
        var outcome = await IngestGroupedAsync(key, keyField, events, cancel);
        // Counted here, the one path of every ingest (HTTP, MQTT): each reading once, by how it went (SensorMetrics).
        if (outcome.IsAccepted) SensorMetrics.Ingested(outcome.Value);
        else if (outcome.Rejection.Code is RejectionCode.Unauthorized || events.Count > MaxEventsPerBatch) SensorMetrics.Refused(events.Count);
        return outcome;
    }

    private async Task<Outcome<SensorIngestResult>> IngestGroupedAsync(DeviceSecret key, string keyField, IReadOnlyList<SensorEventInput> events, CancellationToken cancel)
    {
        if (events.Count is 0 or > MaxEventsPerBatch)
            return Rejection.Invalid("events", $"'events' must hold 1-{MaxEventsPerBatch} events.");

        var rejected = new List<RejectedSensorEvent>();
        var bySlot = new Dictionary<string, List<SensorReading>>(StringComparer.Ordinal);
        var indexes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var (slotId, reading, error) = events[i];
            if (error is not null)
            {
                rejected.Add(new RejectedSensorEvent(i, error with { Field = $"events[{i}].{error.Field}" }));
                continue;
            }
            if (!bySlot.TryGetValue(slotId!, out var group))
            {
                bySlot[slotId!] = group = [];
                indexes[slotId!] = [];
            }
            group.Add(reading!);
            indexes[slotId!].Add(i);
        }

        var refused = Rejection.Unauthorized("The device key does not belong to the device an event names.", keyField);
        // Authenticate first: with several slots, every one must accept the key before any of them persists.
        // With one slot the ingest command itself checks the key before it decides anything.
        if (bySlot.Count > 1)
        {
            var checks = await Task.WhenAll(bySlot.Select(async g =>
                (Slot: g.Key, Reply: await actors.AskAsync(new VerifyDevice(g.Key, g.Value.Select(r => r.DeviceId).Distinct().ToList(), key), cancel))));
            if (checks.Any(c => c.Reply is SlotReply.DeviceRefused)) return refused;
            foreach (var (slot, reply) in checks)
            {
                if (reply is SlotReply.DeviceVerified) continue;
                RejectAll(rejected, indexes[slot], reply.Refusal());
                bySlot.Remove(slot);
            }
        }

        var results = await Task.WhenAll(bySlot.Select(async g =>
            (Slot: g.Key, Reply: await actors.AskAsync(new IngestSensorEvents(g.Key, key, g.Value), cancel))));
        int accepted = 0, folded = 0, duplicates = 0;
        foreach (var (slot, reply) in results)
        {
            switch (reply)
            {
                case SlotReply.Ingested { Result: var ok }:
                    accepted += ok.Accepted;
                    folded += ok.Folded;
                    duplicates += ok.Duplicates;
                    break;
                case SlotReply.DeviceRefused when results.Length == 1:
                    return refused;
                case SlotReply.DeviceRefused:
                    // Verified a moment ago, refused now: the slot was re-bound in between. Nothing of it was recorded.
                    RejectAll(rejected, indexes[slot], Rejection.Conflict("The slot's device key changed while this batch was processed; nothing was recorded.", "slotId"));
                    break;
                default:
                    RejectAll(rejected, indexes[slot], reply.Refusal());
                    break;
            }
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new SensorIngestResult(accepted, folded, duplicates, rejected);
    }

    private static void RejectAll(List<RejectedSensorEvent> rejected, List<int> indexes, Rejection why)
    {
        foreach (var i in indexes) rejected.Add(new RejectedSensorEvent(i, why with { Field = $"events[{i}].{why.Field ?? "slotId"}" }));
    }
}
