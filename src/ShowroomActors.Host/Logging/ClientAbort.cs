namespace ShowroomActors.Host.Logging;

/// <summary>
/// A client that closes its connection while its request waits (a screen closed, a phone lost its signal, a load
/// generator timed out) makes the handler's awaits throw <see cref="OperationCanceledException"/> on
/// <see cref="HttpContext.RequestAborted"/>. That is not a server fault: this middleware ends such a request with
/// status 499 (client closed request, as nginx names it) instead of letting it surface as a 500 error. Whatever the
/// handler had asked an entity to do goes on: a persisted change stays persisted, only the answer is lost.
/// </summary>
public sealed class ClientAbort(RequestDelegate next)
{
    public const int Status = 499;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            if (!http.Response.HasStarted) http.Response.StatusCode = Status;
        }
    }
}
