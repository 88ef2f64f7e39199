using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Catalog;

namespace ShowroomActors.Actors.Tests.Audit;

public sealed class RecoveryCheckTests
{
    private const string Pid = "product-rice";
    private static readonly SealKey Key = SealKey.Derive(new byte[32]);
    private static readonly DateTimeOffset At = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A sealed chain of <paramref name="count"/> stock receipts, as an entity writes it.</summary>
    private static List<ChainedEvent> Chain(int count, SealKey? key = null)
    {
        var chain = new List<ChainedEvent>();
        var prev = HashChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var chained = EventChain.Seal(Pid, seq, At.AddMinutes(seq), new StockReceived("rice", $"b{seq}", 1, seq), prev, key ?? Key);
            chain.Add(chained);
            prev = chained.Hash;
        }
        return chain;
    }

    private static StreamBreak? Replay(IReadOnlyList<ChainedEvent> chain, RecoveryCheck? check = null, long? highest = null, Func<int, long>? seqOf = null)
    {
        check ??= new RecoveryCheck(Pid, Key);
        for (var i = 0; i < chain.Count; i++) check.Accept(seqOf?.Invoke(i) ?? i + 1, chain[i]);
        return check.Complete(highest ?? seqOf?.Invoke(chain.Count - 1) ?? chain.Count);
    }

    /// <summary>
    /// Changes event <paramref name="from"/> (1-based) and re-chains it and every later one as an attacker without the key
    /// would: hashes right, seals kept as they were.
    /// </summary>
    private static List<ChainedEvent> Rehash(List<ChainedEvent> chain, int from)
    {
        var result = chain.Take(from - 1).ToList();
        var prev = from == 1 ? HashChain.Genesis : chain[from - 2].Hash;
        for (var seq = from; seq <= chain.Count; seq++)
        {
            var old = chain[seq - 1];
            var evt = seq == from ? new StockReceived("rice", "edited", 99, 99) : old.Event;
            var forged = EventChain.Seal(Pid, seq, old.AtTime, evt, prev) with { Seal = old.Seal };
            result.Add(forged);
            prev = forged.Hash;
        }
        return result;
    }

    [Fact]
    public void An_intact_sealed_chain_passes() => Assert.Null(Replay(Chain(200)));

    /// <summary>The chain as read back from the journal: rows no longer store the previous hash.</summary>
    private static List<ChainedEvent> Stored(List<ChainedEvent> chain) => chain.Select(c => c with { PrevHash = null }).ToList();

    [Fact]
    public void Rows_without_a_stored_previous_hash_are_checked_against_the_hash_of_the_row_before()
    {
        Assert.Null(Replay(Stored(Chain(50))));
        var edited = Stored(Chain(10));
        edited[4] = edited[4] with { Payload = "{\"productId\":\"rice\",\"batch\":\"b5\",\"quantity\":9,\"onHandAfter\":5}"u8.ToArray() };
        Assert.Equal(5, Replay(edited)!.FirstBrokenSeq);
        // Two rows swapped (each renumbered into the other's place): the first breaks.
        var swapped = Stored(Chain(10));
        (swapped[2], swapped[3]) = (swapped[3], swapped[2]);
        Assert.Equal(3, Replay(swapped)!.FirstBrokenSeq);
    }

    [Fact]
    public void An_older_row_that_stores_a_previous_hash_must_repeat_it_exactly()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { PrevHash = new string('f', 64) };
        var broken = Replay(chain)!;
        Assert.Equal(3, broken.FirstBrokenSeq);
        Assert.Contains("prevHash", broken.Problem);
    }

    [Fact]
    public void An_edited_payload_breaks_at_that_event()
    {
        var chain = Chain(10);
        chain[4] = chain[4] with { Payload = chain[4].Payload.Select(b => b == (byte)'5' ? (byte)'9' : b).ToArray() };
        Assert.Equal(5, Replay(chain)!.FirstBrokenSeq);
    }

    [Theory]
    [InlineData(200, 70)]   // past several seal samples: found by the window after the last good sample
    [InlineData(200, 190)]  // in the last window: found at the end of the replay
    [InlineData(5, 1)]
    public void A_rehashed_chain_is_caught_by_its_seals_at_the_first_rehashed_event(int length, int editedAt)
    {
        var chain = Rehash(Chain(length), editedAt);
        var broken = Replay(chain)!;
        Assert.Equal(editedAt, broken.FirstBrokenSeq);
        Assert.Contains("seal does not match", broken.Problem);
    }

    [Fact]
    public void A_forged_event_appended_with_a_valid_chain_is_caught()
    {
        var chain = Chain(10);
        var forged = EventChain.Seal(Pid, 11, At.AddHours(1), new StockReceived("rice", "forged", 500, 510), chain[^1].Hash, SealKey.Derive(new byte[33]));
        chain.Add(forged);
        Assert.Equal(11, Replay(chain)!.FirstBrokenSeq);
        chain[^1] = forged with { Seal = null };
        Assert.Contains("no seal", Replay(chain)!.Problem);
    }

    [Fact]
    public void A_missing_event_and_a_skipped_tail_are_breaks()
    {
        var chain = Chain(6);
        var withoutThird = chain.Where((_, i) => i != 2).ToList();
        var broken = Replay(withoutThird, seqOf: i => i < 2 ? i + 1 : i + 2)!;
        Assert.Equal(3, broken.FirstBrokenSeq);
        Assert.Contains("missing", broken.Problem);

        // The journal counts 6 (the last two are marked deleted), the replay delivered 4.
        var tail = Replay(chain.Take(4).ToList(), highest: 6)!;
        Assert.Equal(5, tail.FirstBrokenSeq);
        Assert.Contains("marked deleted", tail.Problem);
    }

    [Fact]
    public void Unsealed_events_are_refused_unless_accepted_by_configuration_and_unchecked_without_a_key()
    {
        var unsealed = Chain(3).Select(e => e with { Seal = null }).ToList();
        Assert.Equal(1, Replay(unsealed)!.FirstBrokenSeq);
        Assert.Null(Replay(unsealed, new RecoveryCheck(Pid, Key, acceptUnsealed: true)));
        Assert.Null(Replay(Rehash(Chain(3), 2), new RecoveryCheck(Pid, key: null)));
    }

    [Fact]
    public void After_a_snapshot_the_replay_continues_from_its_hash()
    {
        var chain = Chain(8);
        var check = new RecoveryCheck(Pid, Key);
        check.ContinueFrom(5, chain[4].Hash);
        for (var seq = 6; seq <= 8; seq++) Assert.True(check.Accept(seq, chain[seq - 1]));
        Assert.Null(check.Complete(8));

        var wrongBase = new RecoveryCheck(Pid, Key);
        wrongBase.ContinueFrom(5, chain[3].Hash);
        Assert.False(wrongBase.Accept(6, chain[5]));
        Assert.Equal(6, wrongBase.Broken!.FirstBrokenSeq);
    }
}
