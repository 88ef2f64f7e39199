namespace ShowroomActors.Domain.Common;

/// <summary>
/// An entity's answer to a command or a read. Each aggregate has one sealed family of replies (<c>ProductReply</c>,
/// <c>SlotReply</c>, <c>BuyerReply</c>, <c>OrderReply</c>): the views it accepts with, or its rejection. Askers match
/// the family's cases instead of guessing at an <c>object</c>.
/// </summary>
public interface IEntityReply : IShowroomMessage
{
    /// <summary>The rejection this reply carries, or null when the command was accepted.</summary>
    Rejection? RejectionOrNull();
}
