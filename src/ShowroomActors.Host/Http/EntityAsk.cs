using Akka.Actor;
using ShowroomActors.Actors;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Host.Http;

/// <summary>Asks an entity and returns its answer; a timeout becomes a 503 (nothing is known to be persisted).</summary>
public static class EntityAsk
{
    public static async Task<object> AskAsync(this ShowroomSystem showroom, IActorRef region, IEntityCommand command, CancellationToken cancel)
    {
        var gate = showroom.JournalGate;
        if (!await gate.IsOpenAsync())
            return new Rejection(RejectionCode.Unavailable, "The journal's database is unreachable; nothing was recorded. Retry later.");
        try
        {
            var answer = await region.Ask<object>(command, showroom.AskTimeout, cancel);
            if (answer is Rejection { Code: RejectionCode.Unavailable }) gate.ReportFailure();
            else gate.ReportSuccess();
            return answer;
        }
        catch (AskTimeoutException)
        {
            gate.ReportFailure();
            return new Rejection(RejectionCode.Unavailable,
                $"No answer from {command.EntityId} within {showroom.AskTimeout.TotalSeconds:0.#} s; the change may not be recorded. Retry with the same request.");
        }
    }

    /// <summary>Asks and expects a <typeparamref name="T"/>; a rejection is thrown as its problem response.</summary>
    public static async Task<T> AskForAsync<T>(this ShowroomSystem showroom, IActorRef region, IEntityCommand command, CancellationToken cancel)
    {
        var answer = await showroom.AskAsync(region, command, cancel);
        return answer switch
        {
            T value => value,
            Rejection rejection => throw new ProblemException(Problems.From(rejection)),
            _ => throw new InvalidOperationException($"Unexpected answer {answer.GetType().Name} to {command.GetType().Name}."),
        };
    }
}
