using ShowroomActors.Domain.Common;

namespace ShowroomActors.Application;

public static class Replies
{
    /// <summary>
    /// The rejection of a reply that is not the case a use case expected. Entities answer each command with one
    /// case of their family or a rejection, so any other case is a bug in the code, never a refusal.
    /// </summary>
    public static Rejection Refusal(this IEntityReply reply) =>
        reply.RejectionOrNull() ?? throw new InvalidOperationException($"Unexpected answer {reply.GetType().Name}.");
}
