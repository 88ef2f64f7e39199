using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Tests.Common;

public sealed class IdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("dongyuan-simiao-rice-5kg")]
    [InlineData("A-01")]
    [InlineData("x.y_z-9")]
    public void Letters_digits_dots_underscores_and_dashes_starting_with_a_letter_or_digit_are_ids(string id) =>
        Assert.True(Ids.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("rice\n")]
    [InlineData("rice\r\n")]
    [InlineData("\nrice")]
    [InlineData("ri ce")]
    [InlineData("-rice")]
    [InlineData(".rice")]
    [InlineData("rice/5kg")]
    [InlineData("rice%0A")]
    [InlineData("米")]
    public void Anything_else_is_not_an_id_a_final_newline_included(string id)
    {
        Assert.False(Ids.IsValid(id));
        Assert.Equal("productId", Ids.Check(id, "productId")!.Field);
    }

    [Fact]
    public void Ids_are_at_most_64_characters() =>
        Assert.Equal((true, false), (Ids.IsValid(new string('a', 64)), Ids.IsValid(new string('a', 65))));
}
