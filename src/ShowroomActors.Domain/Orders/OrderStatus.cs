namespace ShowroomActors.Domain.Orders;

/// <summary>Where an order stands. JSON: camelCase (<c>placed</c>, <c>reserved</c>, …).</summary>
public enum OrderStatus
{
    /// <summary>The intent is recorded; stock is being reserved at each product.</summary>
    Placed,
    /// <summary>Every line holds stock; awaiting payment until the reservation expires.</summary>
    Reserved,
    Paid,
    Shipped,
    Delivered,
    /// <summary>Receipt confirmed and the invoice number recorded.</summary>
    Inspected,
    /// <summary>Cancelled before shipment (by an operator, or the unpaid reservation expired); stock released.</summary>
    Cancelled,
    /// <summary>The payment was returned.</summary>
    Refunded,
    /// <summary>A line could not be reserved (unknown product, short stock); nothing stays reserved.</summary>
    Rejected,
}

/// <summary>Where the order came from.</summary>
public enum OrderChannel
{
    /// <summary>The order page opened from a shelf slot's QR code.</summary>
    Qr,
    /// <summary>Any other web client.</summary>
    Web,
}

/// <summary>
/// The order's side of the stock ledger: which step it is taking at its products. The "-ing" steps are unfinished
/// work the order entity drives (and resumes after a restart) until every product has answered.
/// </summary>
public enum LedgerStep
{
    Reserving,
    Held,
    Committing,
    Committed,
    Releasing,
    Released,
}
