using System.Text.Json;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Tests.Common;

public sealed class FenTests
{
    [Fact]
    public void Arithmetic_is_exact_and_overflow_checked()
    {
        Assert.Equal(new Fen(10_01), new Fen(7_80) + new Fen(2_21));
        Assert.Equal(new Fen(23_40), new Fen(7_80) * 3);
        Assert.Throws<OverflowException>(() => new Fen(long.MaxValue) + new Fen(1));
    }

    [Fact]
    public void Shows_yuan_and_serializes_as_a_plain_integer()
    {
        Assert.Equal("78.05", new Fen(7805).ToString());
        Assert.Equal("7805", JsonSerializer.Serialize(new Fen(7805)));
        Assert.Equal(new Fen(7805), JsonSerializer.Deserialize<Fen>("7805"));
    }
}
