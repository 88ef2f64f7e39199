using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ShowroomActors.Host.Configuration;
using ShowroomActors.Application.Buyers;
using ShowroomActors.Domain.Buyers;
using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

namespace ShowroomActors.Host.Api;

/// <summary>
/// The printable statement in a browser. A browser cannot send a Bearer header, so an operator asks for a short-lived
/// signed link (<c>POST /api/v1/buyers/{buyerId}/statement/link</c>) and opens or hands on
/// <c>/statements/{buyerId}?from=&amp;to=&amp;expires=&amp;sig=</c>. The signature is an HMAC-SHA256 of the buyer, the period and
/// the expiry under a key derived from the operator key, so a link names exactly one statement, cannot be altered,
/// lapses after <see cref="Lifetime"/>, and every link stops working when the operator key changes. Nothing is stored.
/// </summary>
public sealed class StatementLinks(HostSettings settings, TimeProvider clock, PublicUrls urls)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    // Without an operator key no link is valid: nobody could have been given one.
    private readonly byte[]? _key = settings.OperatorKey is { } operatorKey ? SHA256.HashData(Encoding.UTF8.GetBytes("showroom statement links\n" + operatorKey)) : null;

    public (string Url, DateTimeOffset ExpiresAt) Issue(string buyerId, DateOnly from, DateOnly to)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var seconds = expires.ToUnixTimeSeconds();
        var query = string.Create(CultureInfo.InvariantCulture,
            $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&expires={seconds}&sig={Sign(buyerId, from, to, seconds)}");
        return (urls.For($"/statements/{Uri.EscapeDataString(buyerId)}?{query}"), DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    /// <summary>True when <paramref name="sig"/> signs exactly this statement and <paramref name="expires"/> has not passed.</summary>
    public bool IsValid(string buyerId, DateOnly from, DateOnly to, long expires, string sig)
    {
        if (_key is null || expires < clock.GetUtcNow().ToUnixTimeSeconds()) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(buyerId, from, to, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig));
    }

    private string Sign(string buyerId, DateOnly from, DateOnly to, long expires)
    {
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{buyerId}\n{from:yyyy-MM-dd}\n{to:yyyy-MM-dd}\n{expires}"));
        return Convert.ToBase64String(HMACSHA256.HashData(_key ?? throw new InvalidOperationException("No operator key: no link can be signed."), message)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

/// <summary>The statement of a period, as both the operator API and the signed link read it.</summary>
public static class Statements
{
    /// <summary>The printable page of a statement.</summary>
    public static ContentHttpResult Page(StatementPeriod period, TimeProvider clock) =>
        TypedResults.Content(StatementPage.Render(period.Statement, period.From, period.To, clock.GetUtcNow()), "text/html; charset=utf-8");

    public static void MapStatementLinkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/buyers/{buyerId}/statement/link", async Task<Results<Created<StatementLinkResponse>, ProblemHttpResult>> (
            string buyerId, string? from, string? to, BuyerUseCases accounts, StatementLinks links, CancellationToken cancel) =>
        {
            if (QueryValues.FirstOf(QueryValues.Date(from, "from", out var first), QueryValues.Date(to, "to", out var last)) is { } bad) return Problems.From(bad);
            // The statement is read now, so an unknown buyer is a 404 now, not when the link is opened.
            var statement = await accounts.StatementAsync(buyerId, first, last, cancel);
            if (!statement.IsAccepted) return Problems.From(statement.Rejection);
            var (url, expiresAt) = links.Issue(buyerId, statement.Value.From, statement.Value.To);
            return TypedResults.Created(url, new StatementLinkResponse(url, expiresAt));
        }).RequireOperator().WithTags("Buyers")
            .WithSummary("A 15-minute signed link to the printable statement, for a browser (which cannot send the key).")
            .WithExample(new ApiExample(201, "/api/v1/buyers/yantian-port-logistics/statement/link", Key: "operator"));

        app.MapGet("/statements/{buyerId}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
            string buyerId, string? from, string? to, string? expires, string? sig, HttpContext http,
            BuyerUseCases accounts, StatementLinks links, TimeProvider clock, CancellationToken cancel) =>
        {
            if (QueryValues.FirstOf(QueryValues.Date(from, "from", out var first), QueryValues.Date(to, "to", out var last)) is not null
                || first is null || last is null || string.IsNullOrEmpty(sig)
                || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
                return Problems.Of(StatusCodes.Status403Forbidden, "Forbidden", "Open a statement through a link issued by POST /api/v1/buyers/{buyerId}/statement/link.", "sig");
            if (!links.IsValid(buyerId, first.Value, last.Value, expiresAt, sig))
                return Problems.Of(StatusCodes.Status403Forbidden, "Forbidden", "This statement link is not valid or has expired; ask for a new one.", "sig");
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            var statement = await accounts.StatementAsync(buyerId, first, last, cancel);
            return statement.IsAccepted ? Page(statement.Value, clock) : Problems.From(statement.Rejection);
        }).ExcludeFromDescription();
    }
}

/// <summary>A signed statement link: open <c>url</c> in a browser before <c>expiresAt</c>.</summary>
public sealed record StatementLinkResponse(string Url, DateTimeOffset ExpiresAt);
