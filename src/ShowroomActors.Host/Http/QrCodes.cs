using QRCoder;

namespace ShowroomActors.Host.Http;

/// <summary>
/// QR codes of shelf slots' order pages, made with QRCoder. The payload is only the page's absolute URL
/// (<c>{publicBaseUrl}/order/{slotId}</c>), so a code stays valid whatever the slot later holds.
/// </summary>
public static class QrCodes
{
    /// <summary>Pixels per module in the PNG: about 330 px for a typical URL, sharp when printed at 3 cm.</summary>
    public const int PngPixelsPerModule = 10;
    public const int SvgPixelsPerModule = 10;

    public static string OrderPageUrl(PublicUrls urls, string slotId) => urls.For("/order/" + Uri.EscapeDataString(slotId));

    public static byte[] Png(string payload)
    {
        using var data = Encode(payload);
        return new PngByteQRCode(data).GetGraphic(PngPixelsPerModule);
    }

    public static string Svg(string payload)
    {
        using var data = Encode(payload);
        return new SvgQRCode(data).GetGraphic(SvgPixelsPerModule);
    }

    /// <summary>Error correction M (15%): survives a scratched or partly covered label.</summary>
    private static QRCodeData Encode(string payload) => QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
}
