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
                if (AuditLogEndpoints.Off(showroom) is { } off) return off;
                if (!await journal.ExistsAsync($"buyer-{buyerId}", http.RequestAborted))
                    return Problems.Of(StatusCodes.Status404NotFound, "Not found", $"No budget unit '{buyerId}'.", "buyerId");
                var (note, problem) = await AuditLogEndpoints.SignNowAsync(showroom, http.RequestAborted);
                if (problem is not null) return problem;
                var (json, refused) = await QuotaCertificate.BuildAsync(journal, showroom.AuditLogStore, note!, buyerId, year, http.RequestAborted);
                return refused is not null ? Problems.From(refused) : TypedResults.Bytes(json!, "application/json; charset=utf-8");
            })
            .RequireAuditor()
            .WithTags("Audit")
            .WithSummary("A buyer's quota figures for a year with the events behind them, inclusion proofs and a signed checkpoint, checkable offline with the public key.");
    }
}
