using System.Collections.Immutable;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>
/// A product and its stock. <see cref="Available"/> = <see cref="OnHand"/> - <see cref="Reserved"/>, never negative.
/// Pure: <see cref="Decide"/> turns a command into events or a rejection; <see cref="Apply"/> folds one event in.
/// </summary>
public sealed record ProductState : IShowroomMessage
{
    /// <summary>Largest quantity accepted in one stock receipt.</summary>
    public const int MaxReceiptQuantity = 1_000_000;

    public string ProductId { get; init; } = "";
    public ProductDetails? Details { get; init; }
    public int OnHand { get; init; }
    public int Reserved { get; init; }
    /// <summary>Batches received so far with their quantities: a repeated receipt is recognised, not counted twice.</summary>
    public ImmutableSortedDictionary<string, int> Batches { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>
    /// The reservation ledger: every order that ever held stock here, by order id. Entries are only added or moved
    /// on (reserved, then committed or released), so a repeated step is recognised and answered the same way.
    /// </summary>
    public ImmutableSortedDictionary<string, Reservation> Reservations { get; init; } = ImmutableSortedDictionary<string, Reservation>.Empty;

    public bool IsRegistered => Details is not null;
    public int Available => OnHand - Reserved;

    public static ProductState Empty(string productId) => new() { ProductId = productId };

    public static Decision<IProductEvent> Decide(ProductState state, IProductCommand command) => command switch
    {
        RegisterProduct c => Register(state, c),
        ReceiveStock c => Receive(state, c),
        ReserveStock c => Reserve(state, c),
        CommitStock c => Commit(state, c),
        ReleaseStock c => Release(state, c),
        _ => Rejection.Invalid("command", $"A product does not handle {command.GetType().Name}."),
    };

    private static Decision<IProductEvent> Register(ProductState state, RegisterProduct c)
    {
        if (Ids.Check(c.ProductId, "productId") is { } badId) return badId;
        if (c.Details.Validate() is { } invalid) return invalid;
        if (state.Details is null) return Decision<IProductEvent>.Accept(new ProductRegistered(c.ProductId, c.Details));
        return state.Details == c.Details
            ? Decision<IProductEvent>.Nothing()
            : Rejection.Conflict($"Product '{c.ProductId}' is already registered with other details.", "productId");
    }

    private static Decision<IProductEvent> Receive(ProductState state, ReceiveStock c)
    {
        if (!state.IsRegistered) return Rejection.NotFound($"Product '{c.ProductId}' is not registered.", "productId");
        if (c.Quantity is <= 0 or > MaxReceiptQuantity)
            return Rejection.Invalid("quantity", $"'quantity' must be between 1 and {MaxReceiptQuantity}.");
        if (Ids.Check(c.Batch, "batch") is { } badBatch) return badBatch;
        if (state.Batches.TryGetValue(c.Batch, out var earlier))
            return earlier == c.Quantity
                ? Decision<IProductEvent>.Nothing()
                : Rejection.Conflict($"Batch '{c.Batch}' was already received with quantity {earlier}.", "batch");
        if ((long)state.OnHand + c.Quantity > int.MaxValue)
            return Rejection.Invalid("quantity", "'quantity' would overflow the stock count.");
        return Decision<IProductEvent>.Accept(new StockReceived(c.ProductId, c.Batch, c.Quantity, state.OnHand + c.Quantity));
    }

    public static ProductState Apply(ProductState state, IProductEvent e) => e switch
    {
        ProductRegistered r => state with { ProductId = r.ProductId, Details = r.Details },
        StockReceived s => state with { OnHand = s.OnHandAfter, Batches = state.Batches.SetItem(s.Batch, s.Quantity) },
        StockReserved r => state with
        {
            Reserved = r.ReservedAfter,
            Reservations = state.Reservations.SetItem(r.OrderId, new Reservation(r.Quantity, r.UnitPrice, ReservationStatus.Reserved)),
        },
        ReservationCommitted c => state with
        {
            OnHand = c.OnHandAfter,
            Reserved = c.ReservedAfter,
            Reservations = state.Reservations.SetItem(c.OrderId, state.Reservations[c.OrderId] with { Status = ReservationStatus.Committed }),
        },
        ReservationReleased r => state with
        {
            Reserved = r.ReservedAfter,
            Reservations = state.Reservations.SetItem(r.OrderId,
                state.Reservations.TryGetValue(r.OrderId, out var held)
                    ? held with { Status = ReservationStatus.Released }
                    : new Reservation(r.Quantity, Fen.Zero, ReservationStatus.Released)),
        },
        _ => state,
    };

    /// <summary>Largest quantity one order may hold of one product.</summary>
    public const int MaxReservationQuantity = MaxReceiptQuantity;

    /// <summary>
    /// The answer to a ledger step for <paramref name="orderId"/>: its entry, or "released, nothing held". The certified
    /// flag comes from the registered details, which never change once registered (a different registration is refused).
    /// </summary>
    public ReservationAnswer AnswerFor(string orderId)
    {
        var entry = Reservations.TryGetValue(orderId, out var found) ? found : new Reservation(0, Fen.Zero, ReservationStatus.Released);
        return new ReservationAnswer(ProductId, orderId, entry.Status, entry.Quantity, entry.UnitPrice, Details?.Name ?? "",
            Details?.CertifiedPovertyAlleviation ?? false);
    }

    private static Decision<IProductEvent> Reserve(ProductState state, ReserveStock c)
    {
        if (Text.Require(c.OrderId, "orderId", Ids.MaxLength) is { } badOrder) return badOrder;
        if (!state.IsRegistered) return Rejection.NotFound($"Product '{c.ProductId}' is not registered.", "productId");
        if (c.Quantity is <= 0 or > MaxReservationQuantity)
            return Rejection.Invalid("quantity", $"'quantity' must be between 1 and {MaxReservationQuantity}.");
        if (state.Reservations.TryGetValue(c.OrderId, out var earlier))
        {
            if (earlier.Status == ReservationStatus.Released)
                return Rejection.Conflict($"Order '{c.OrderId}' already released its reservation of '{c.ProductId}'.", "orderId");
            return earlier.Quantity == c.Quantity
                ? Decision<IProductEvent>.Nothing()
                : Rejection.Conflict($"Order '{c.OrderId}' already holds {earlier.Quantity} of '{c.ProductId}'.", "quantity");
        }
        if (c.Quantity > state.Available)
            return Rejection.Conflict(
                $"Only {state.Available} of '{state.Details!.Name}' ({c.ProductId}) available; {c.Quantity} requested.", "quantity");
        return Decision<IProductEvent>.Accept(
            new StockReserved(c.ProductId, c.OrderId, c.Quantity, state.Details!.Price, state.Reserved + c.Quantity));
    }

    private static Decision<IProductEvent> Commit(ProductState state, CommitStock c)
    {
        if (!state.Reservations.TryGetValue(c.OrderId, out var entry))
            return Rejection.Conflict($"Order '{c.OrderId}' holds no reservation of '{c.ProductId}'.", "orderId");
        return entry.Status switch
        {
            ReservationStatus.Committed => Decision<IProductEvent>.Nothing(),
            ReservationStatus.Released => Rejection.Conflict($"Order '{c.OrderId}' already released its reservation of '{c.ProductId}'.", "orderId"),
            _ => Decision<IProductEvent>.Accept(new ReservationCommitted(
                c.ProductId, c.OrderId, entry.Quantity, state.OnHand - entry.Quantity, state.Reserved - entry.Quantity)),
        };
    }

    private static Decision<IProductEvent> Release(ProductState state, ReleaseStock c)
    {
        if (Text.Require(c.OrderId, "orderId", Ids.MaxLength) is { } badOrder) return badOrder;
        // An unregistered product holds nothing and can never hold anything for an order that is already closing.
        if (!state.IsRegistered) return Decision<IProductEvent>.Nothing();
        if (!state.Reservations.TryGetValue(c.OrderId, out var entry))
            return Decision<IProductEvent>.Accept(new ReservationReleased(c.ProductId, c.OrderId, 0, state.Reserved));
        return entry.Status switch
        {
            ReservationStatus.Released => Decision<IProductEvent>.Nothing(),
            ReservationStatus.Committed => Rejection.Conflict($"Order '{c.OrderId}' already shipped its units of '{c.ProductId}'.", "orderId"),
            _ => Decision<IProductEvent>.Accept(new ReservationReleased(c.ProductId, c.OrderId, entry.Quantity, state.Reserved - entry.Quantity)),
        };
    }
}
