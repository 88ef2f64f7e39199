using Akka.Actor;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>GET /api/v1/reports/quota/{year}/{buyerId}/certificate</c>: a unit's quota figures with every event they come
/// from and each event's inclusion proof to a signed checkpoint (<see cref="QuotaCertificate"/>), which a finance bureau
/// checks offline with the audit public key alone (<c>showroom-audit check certificate</c>).
/// </summary>
public static class QuotaCertificateEndpoints
{
    public static void MapQuotaCertificateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/quota/{year:int}/{buyerId}/certificate", async Task<IResult> (
                int year, string buyerId, AuditJournal journal, ShowroomSystem showroom, HttpContext http) =>
            {
                if (QuotaCalendar.CheckYear(year) is { } bad) return Problems.From(bad);
                if (!showroom.AuditLogSettings.Enabled)
                    return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The transparency log is switched off on this node (showroom.audit.log = off).");
                if (!await journal.ExistsAsync($"buyer-{buyerId}", http.RequestAborted))
                    return Problems.Of(StatusCodes.Status404NotFound, "Not found", $"No budget unit '{buyerId}'.", "buyerId");
                // A checkpoint that covers everything recorded before this request (the log signs one when it grew).
                AuditCheckpointSigned signed;
                try
                {
                    signed = await showroom.AuditLog.Ask<AuditCheckpointSigned>(new SignAuditCheckpoint(),
                        showroom.AuditLogSettings.OnDemandWait + showroom.AskTimeout, http.RequestAborted);
                }
                catch (AskTimeoutException)
                {
                    return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The transparency log did not answer in time; retry.");
                }
                if (signed.Rejection is { } rejection) return Problems.From(rejection);
                var (json, refused) = await QuotaCertificate.BuildAsync(journal, showroom.AuditLogStore, signed.Note!, buyerId, year, http.RequestAborted);
                return refused is not null ? Problems.From(refused) : TypedResults.Bytes(json!, "application/json; charset=utf-8");
            })
            .RequireAuditor()
            .WithTags("Audit")
            .WithSummary("A buyer's quota figures for a year with the events behind them, inclusion proofs and a signed checkpoint, checkable offline with the public key.");
    }
}
