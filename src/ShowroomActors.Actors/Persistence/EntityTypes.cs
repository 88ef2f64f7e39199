namespace ShowroomActors.Actors.Persistence;

/// <summary>Entity type names: shard region names, persistence id prefixes and journal tags.</summary>
public static class EntityTypes
{
    public const string Product = "product";
    public const string Slot = "slot";
    public const string Buyer = "buyer";
    public const string Order = "order";
    public const string Idempotency = "idempotency";
    /// <summary>An alert's acknowledgement (<c>alert-{alertId}</c>); the alert itself lives in the alert book, derived from the journal.</summary>
    public const string Alert = "alert";

    public static string PersistenceId(string type, string entityId) => $"{type}-{entityId}";
}
