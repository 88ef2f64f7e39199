using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>A product's answer to a stock ledger step; names the product and order so the sender can match it.</summary>
public interface IStockLedgerReply : IShowroomMessage
{
    string ProductId { get; }
    string OrderId { get; }
}

/// <summary>
/// The order's ledger entry after the step (also the answer to a repeat), with what the order records of the product:
/// its name and whether it is a certified poverty-alleviation product (only those count toward procurement quotas).
/// </summary>
public sealed record ReservationAnswer(
    string ProductId, string OrderId, ReservationStatus Status, int Quantity, Fen UnitPrice, string ProductName, bool Certified) : IStockLedgerReply;

/// <summary>The step was refused (unknown product, short stock, or a step that contradicts the ledger).</summary>
public sealed record ReservationRefused(string ProductId, string OrderId, Rejection Rejection) : IStockLedgerReply;
