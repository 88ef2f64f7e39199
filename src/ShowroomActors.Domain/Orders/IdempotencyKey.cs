using System.Security.Cryptography;
using System.Text;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// Rules for the client's <c>Idempotency-Key</c> header: 1-255 visible ASCII characters (a UUID is typical).
/// The key is stored only as its SHA-256, which also names its entity (<c>idempotency-{hash}</c>).
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    public static Rejection? Check(string? key)
    {
        if (string.IsNullOrEmpty(key))
            return Rejection.Invalid(Header, $"The '{Header}' header is required: send a new unique value (e.g. a UUID) per order attempt, and the same value on retries.");
        if (key.Length > MaxLength || key.Any(c => c is < '!' or > '~'))
            return Rejection.Invalid(Header, $"'{Header}' must be 1-{MaxLength} visible ASCII characters.");
        return null;
    }

    /// <summary>Lowercase hex SHA-256 of the key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
