namespace ShowroomActors.Client;

/// <summary>A product as <c>GET /api/v1/products[/{id}]</c> shows it (the fields the tools use).</summary>
public sealed record ProductView(string ProductId, string Name, int UnitWeightGrams, int OnHand, int Reserved, int Available);

/// <summary>The device part of a slot.</summary>
public sealed record DeviceView(string DeviceId, long? Boot, long? LastSeq);

/// <summary>A slot as <c>GET /api/v1/slots/{id}</c> shows it (the fields the tools use).</summary>
public sealed record SlotView(string SlotId, string ProductId, bool Lifted, int Lifts, int Returns, int? EstimatedCount, DeviceView? Device)
{
    /// <summary>The seq a device bound to this slot sends next to go on without a gap (0 for a new device).</summary>
    public long NextSeq => Device?.LastSeq is { } last ? last + 1 : 0;

    /// <summary>Items a shopper holds (lifted and not put back): what a probe left out must put back.</summary>
    public int ItemsOut => Lifted ? Math.Max(1, Lifts - Returns) : 0;
}

/// <summary>The body of <c>POST /api/v1/products</c>.</summary>
public sealed record ProductRegistration(
    string ProductId, string Name, string Category, string OriginCounty, string Supplier, bool CertifiedPovertyAlleviation,
    string? CertificateNo, long PriceFen, int UnitWeightGrams, string Intro, string Story);

/// <summary>A call the tool needed was refused: names the call and quotes the host's answer.</summary>
public sealed class ShowroomApiException(string message) : Exception(message);
