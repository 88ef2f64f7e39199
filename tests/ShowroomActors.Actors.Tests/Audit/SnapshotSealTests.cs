using Akka.Serialization;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Actors.Tests.Serialization;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Audit;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Audit;

/// <summary>
/// A snapshot's seal is made over our serializer's bytes of it and checked over the bytes of the snapshot read back:
/// for every snapshot type that must be the same value, or every snapshot would be discarded at recovery.
/// </summary>
public sealed class SnapshotSealTests(ITestOutputHelper output) : SqliteTestKit(output)
{
    private static readonly SealKey Key = SealKey.Derive(new byte[32]);

    public static TheoryData<string> SnapshotManifests()
    {
        var data = new TheoryData<string>();
        foreach (var type in MessageRegistry.Types.Where(t => t.Manifest.EndsWith(".snapshot.v1", StringComparison.Ordinal))) data.Add(type.Manifest);
        return data;
    }

    [Theory]
    [MemberData(nameof(SnapshotManifests))]
    public void A_sealed_snapshot_still_verifies_after_a_trip_through_the_snapshot_store_serializer(string manifest)
    {
        var type = MessageRegistry.Find(manifest);
        var verify = typeof(SnapshotSealTests).GetMethod(nameof(RoundTrip), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(type.Type.GetGenericArguments()[0]);
        verify.Invoke(this, [SampleFactory.Create(type.Type)]);
    }

    private void RoundTrip<TState>(ShowroomActors.Actors.Persistence.EntitySnapshot<TState> sample)
    {
        var sealedSnapshot = SnapshotSeals.Seal(sample with { SequenceNr = 100, LastHash = new string('c', 64) }, "x-1", Key);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(sealedSnapshot);
        var bytes = serializer.ToBinary(sealedSnapshot);
        var back = (ShowroomActors.Actors.Persistence.EntitySnapshot<TState>)serializer.FromBinary(bytes, serializer.Manifest(sealedSnapshot));
        Assert.True(SnapshotSeals.Verify(back, "x-1", 100, Key));
        Assert.False(SnapshotSeals.Verify(back, "x-2", 100, Key));
        Assert.False(SnapshotSeals.Verify(back, "x-1", 101, Key));
        Assert.False(SnapshotSeals.Verify(back with { LastHash = new string('d', 64) }, "x-1", 100, Key));
        Assert.False(SnapshotSeals.Verify(back with { Seal = null }, "x-1", 100, Key));
        Assert.False(SnapshotSeals.Verify(back, "x-1", 100, SealKey.Derive(new byte[33])));
    }
}
