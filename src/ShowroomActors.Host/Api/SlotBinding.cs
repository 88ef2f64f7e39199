using ShowroomActors.Actors;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// Builds a <see cref="BindSlot"/>: reads the product entity for the copy the slot keeps (name, story, unit weight…)
/// and wraps the key so it is hashed inside the slot and never printed. Used by the API and the demo loader alike.
/// </summary>
public static class SlotBinding
{
    public static async Task<BindSlot> CommandAsync(ShowroomSystem showroom, string slotId, BindSlotRequest body, CancellationToken cancel)
    {
        if (Ids.Check(slotId, "slotId") is { } badSlot) throw new ProblemException(Problems.From(badSlot));
        var productId = RequestJson.Required(body.ProductId, "productId");
        if (Ids.Check(productId, "productId") is { } badProduct) throw new ProblemException(Problems.From(badProduct));
        var product = await showroom.AskForAsync<ProductState>(showroom.Products, new GetProduct(productId), cancel);
        return new BindSlot(
            slotId,
            SlotProduct.From(productId, product.Details!),
            body.DeviceId,
            body.DeviceKey is null ? null : new DeviceSecret(body.DeviceKey),
            DeviceKeys.NewSalt());
    }
}
