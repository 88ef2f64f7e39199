using System.Security.Cryptography;
using System.Text;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>One line as the buyer asks for it: which product, how many. Prices come from the product, never from here.</summary>
public sealed record OrderLineRequest(string ProductId, int Quantity);

/// <summary>What a buyer asks for. Validated here so every entry point applies the same rules.</summary>
public sealed record OrderRequest(string? BuyerId, OrderChannel Channel, string? SlotId, IReadOnlyList<OrderLineRequest> Lines)
{
    public const int MaxLines = 20;
    public const int MaxLineQuantity = 999;

    /// <summary>The first broken rule, naming its field (e.g. <c>lines[1].quantity</c>), or null.</summary>
    public Rejection? Validate()
    {
        if (BuyerId is not null && Ids.Check(BuyerId, "buyerId") is { } badBuyer) return badBuyer;
        if (SlotId is not null && Ids.Check(SlotId, "slotId") is { } badSlot) return badSlot;
        if (Channel == OrderChannel.Qr && SlotId is null)
            return Rejection.Invalid("slotId", "'slotId' is required for orders from a shelf QR code (channel 'qr').");
        if (Lines is null || Lines.Count == 0) return Rejection.Invalid("lines", "'lines' must hold at least one line.");
        if (Lines.Count > MaxLines) return Rejection.Invalid("lines", $"'lines' may hold at most {MaxLines} lines.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line is null) return Rejection.Invalid($"lines[{i}]", $"'lines[{i}]' must be an object.");
            if (Ids.Check(line.ProductId, $"lines[{i}].productId") is { } badProduct) return badProduct;
            if (line.Quantity is <= 0 or > MaxLineQuantity)
                return Rejection.Invalid($"lines[{i}].quantity", $"'lines[{i}].quantity' must be between 1 and {MaxLineQuantity}.");
            if (!seen.Add(line.ProductId))
                return Rejection.Invalid($"lines[{i}].productId",
                    $"'lines[{i}].productId' repeats product '{line.ProductId}': put its whole quantity on one line.");
        }
        return null;
    }

    /// <summary>
    /// SHA-256 over the request's meaning (not its JSON spelling): two bodies that differ only in whitespace or
    /// property order have the same fingerprint. Idempotency keys compare requests by it.
    /// </summary>
    public string Fingerprint()
    {
        var text = new StringBuilder("order-request.v1\n")
            .Append("buyer=").Append(BuyerId ?? "(none)").Append('\n')
            .Append("channel=").Append(Channel.ToString()).Append('\n')
            .Append("slot=").Append(SlotId ?? "(none)").Append('\n');
        foreach (var line in Lines)
            text.Append(line.ProductId).Append('\t').Append(line.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
