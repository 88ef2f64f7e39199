namespace ShowroomActors.Host.Tests.Support;

/// <summary>Request bodies for products used across host tests.</summary>
public static class SampleProducts
{
    public static Dictionary<string, object?> Fuzhu(string productId = "dongyuan-fuzhu-500g") => new()
    {
        ["productId"] = productId,
        ["name"] = "东源客家腐竹 500g",
        ["category"] = "dried-beancurd",
        ["originCounty"] = "东源县",
        ["supplier"] = "东源县义合镇腐竹专业合作社",
        ["certifiedPovertyAlleviation"] = true,
        ["certificateNo"] = "FP44162520200003",
        ["priceFen"] = 3680,
        ["unitWeightGrams"] = 540,
        ["intro"] = "山泉水手工制作的客家腐竹。",
        ["story"] = "合作社吸纳了12户原贫困户务工。",
    };
}
