using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// How a delivery is signed (docs/OPERATIONS.md, "Webhooks", shows a receiver's check): HMAC-SHA256 keyed with the
/// webhook's secret (its UTF-8 bytes) over <c>{timestamp}.{body}</c>, where timestamp is the
/// <see cref="TimestampHeader"/> value (Unix seconds, decimal) and body the request body's exact bytes; sent as
/// <c>v1=</c> and the lowercase hex digest in <see cref="SignatureHeader"/>.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Showroom-Signature";
    public const string TimestampHeader = "X-Showroom-Timestamp";
    public const string DeliveryHeader = "X-Showroom-Delivery";
    public const string EventHeader = "X-Showroom-Event";

    public static string Sign(string secret, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
