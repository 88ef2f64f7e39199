using System.Text.Json;

namespace ShowroomActors.LoadGen;

/// <summary>The body of <c>POST /api/v1/orders</c>: <c>{buyerId?, channel, slotId?, lines:[{productId, quantity}]}</c>, written straight to UTF-8.</summary>
public static class OrderBody
{
    public static void Write(Utf8JsonWriter writer, string? buyerId, string? qrSlotId, IEnumerable<(string ProductId, int Quantity)> lines)
    {
        writer.WriteStartObject();
        if (buyerId is not null) writer.WriteString("buyerId"u8, buyerId);
        writer.WriteString("channel"u8, qrSlotId is null ? "web"u8 : "qr"u8);
        if (qrSlotId is not null) writer.WriteString("slotId"u8, qrSlotId);
        writer.WriteStartArray("lines"u8);
        foreach (var (productId, quantity) in lines)
        {
            writer.WriteStartObject();
            writer.WriteString("productId"u8, productId);
            writer.WriteNumber("quantity"u8, quantity);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
