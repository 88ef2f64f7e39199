using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// Procurement made outside the showroom (another platform, a supplier directly), recorded once per reference.
/// <see cref="ViaUnionId"/> is set when one of the unit's trade unions made it.
/// </summary>
public sealed record ExternalPurchase(string Reference, DateTimeOffset At, int Year, Fen Amount, bool Certified, string? ViaUnionId)
{
    /// <summary>The ledger key: a union's references live beside the unit's own without clashing ('/' is not allowed in ids).</summary>
    public static string KeyOf(string reference, string? viaUnionId) => viaUnionId is null ? reference : $"{viaUnionId}/{reference}";

    public string Key => KeyOf(Reference, ViaUnionId);
}
