using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Application;

namespace ShowroomActors.Host.Http;

/// <summary>A use case's outcome as a typed HTTP answer: the accepted value, or its rejection as a problem.</summary>
public static class OutcomeResults
{
    /// <summary>200 with the accepted value mapped by <paramref name="body"/>.</summary>
    public static Results<Ok<TBody>, ProblemHttpResult> ToOk<T, TBody>(this Outcome<T> outcome, Func<T, TBody> body) where T : notnull
    {
        if (!outcome.IsAccepted) return Problems.From(outcome.Rejection);
        return TypedResults.Ok(body(outcome.Value));
    }

    /// <summary>201 at <paramref name="location"/> (escape what goes into it) with the accepted value mapped by <paramref name="body"/>.</summary>
    public static Results<Created<TBody>, ProblemHttpResult> ToCreated<T, TBody>(this Outcome<T> outcome, Func<T, string> location, Func<T, TBody> body)
        where T : notnull
    {
        if (!outcome.IsAccepted) return Problems.From(outcome.Rejection);
        return TypedResults.Created(location(outcome.Value), body(outcome.Value));
    }
}
