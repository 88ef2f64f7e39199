using System.Text.Json;
using ShowroomActors.Host.Api;
using ShowroomActors.Application;

namespace ShowroomActors.Host.Demo;

/// <summary>The demo showroom file (Demo/showroom-demo.json): Yantian district's centre and its paired counties' products.</summary>
public sealed record DemoShowroom(
    DemoShowroomInfo Showroom,
    IReadOnlyList<DemoProduct> Products,
    IReadOnlyList<DemoSlot> Slots,
    IReadOnlyList<DemoBuyer> Buyers)
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Demo", "showroom-demo.json");

    public static DemoShowroom Load(string path) =>
        JsonSerializer.Deserialize<DemoShowroom>(File.ReadAllBytes(path), ApiJson.Options)
        ?? throw new InvalidDataException($"{path} holds no demo showroom.");

    /// <summary>The device keys of the demo slots (printed in the file, so valid only in demo mode); none without the file.</summary>
    public static IReadOnlyList<string> DeviceKeys() =>
        File.Exists(DefaultPath) ? Load(DefaultPath).Slots.Select(s => s.DeviceKey).ToList() : [];
}

public sealed record DemoShowroomInfo(string Name, string District, string OpenedOn);

/// <summary>A product exactly as the registration API takes it, plus its first stock batch.</summary>
public sealed record DemoProduct(
    string ProductId, string Name, string Category, string OriginCounty, string Supplier,
    bool CertifiedPovertyAlleviation, string? CertificateNo, long PriceFen, int UnitWeightGrams,
    string Intro, string Story, int InitialStock, string Batch)
{
    public RegisterProductRequest ToRequest() => new(ProductId, Name, Category, OriginCounty, Supplier,
        CertifiedPovertyAlleviation, CertificateNo, PriceFen, UnitWeightGrams, Intro, Story);
}

public sealed record DemoSlot(string SlotId, string ProductId, string DeviceId, string Sensor, string DeviceKey);

/// <summary>An annual plan exactly as the plan API takes it (the ratio is exact: decimal, never a double).</summary>
public sealed record DemoPlan(int Year, long CanteenFoodBudgetFen, bool HasCanteen, decimal? ReservedRatio)
{
    public PlanRequest ToRequest() => new(CanteenFoodBudgetFen, ReservedRatio, HasCanteen);
}

/// <summary>A buyer exactly as the registration API takes it, plus its annual plans.</summary>
public sealed record DemoBuyer(
    string BuyerId, string Kind, string Name, string? ParentUnitId, string? Jurisdiction, IReadOnlyList<DemoPlan>? Plans)
{
    public RegisterBuyerRequest ToRequest() => new(BuyerId, Kind, Name, ParentUnitId, Jurisdiction);
}
