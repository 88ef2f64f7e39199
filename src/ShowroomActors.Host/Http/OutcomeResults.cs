using ShowroomActors.Application;

namespace ShowroomActors.Host.Http;

/// <summary>A use case's outcome as an HTTP answer: the accepted value through <c>accepted</c>, a rejection as its problem.</summary>
public static class OutcomeResults
{
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> accepted) where T : notnull =>
        outcome.IsAccepted ? accepted(outcome.Value) : Problems.From(outcome.Rejection);

    /// <summary>200 with the accepted value mapped by <paramref name="body"/>.</summary>
    public static IResult ToOk<T, TBody>(this Outcome<T> outcome, Func<T, TBody> body) where T : notnull =>
        outcome.ToResult(value => Results.Ok(body(value)));
}
