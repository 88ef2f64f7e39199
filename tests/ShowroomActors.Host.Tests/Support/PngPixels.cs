using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ShowroomActors.Host.Tests.Support;

/// <summary>
/// A minimal PNG reader for tests: non-interlaced grayscale, indexed, RGB or RGBA images, returned as one luminance
/// byte per pixel, enough to hand the host's QR codes to a decoder without an imaging library.
/// </summary>
public static class PngPixels
{
    public static (byte[] Gray, int Width, int Height) Read(byte[] png)
    {
        byte[] signature = [137, 80, 78, 71, 13, 10, 26, 10];
        Assert.True(png.AsSpan(0, 8).SequenceEqual(signature), "not a PNG");
        int width = 0, height = 0, bitDepth = 0, colorType = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colorType = data[9];
                    Assert.Equal(0, data[12]); // not interlaced
                    break;
                case "PLTE": palette = data.ToArray(); break;
                case "IDAT": idat.Write(data); break;
            }
            at += 12 + length;
        }

        var channels = colorType switch { 0 or 3 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new NotSupportedException($"colour type {colorType}") };
        var bitsPerPixel = channels * bitDepth;
        var stride = (width * bitsPerPixel + 7) / 8;
        var bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();

        var gray = new byte[width * height];
        var previous = new byte[stride];
        var line = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            Array.Copy(raw, y * (stride + 1) + 1, line, 0, stride);
            Unfilter(filter, line, previous, bytesPerPixel);
            for (var x = 0; x < width; x++) gray[y * width + x] = Luminance(line, x, bitDepth, colorType, palette);
            (previous, line) = (line, previous);
        }
        return (gray, width, height);
    }

    private static void Unfilter(byte filter, byte[] line, byte[] previous, int bpp)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int left = i >= bpp ? line[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
            line[i] = (byte)(line[i] + filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new NotSupportedException($"filter {filter}"),
            });
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte Luminance(byte[] line, int x, int bitDepth, int colorType, byte[] palette)
    {
        if (colorType is 2 or 6)
        {
            var i = x * (colorType == 2 ? 3 : 4);
            return (byte)((line[i] * 299 + line[i + 1] * 587 + line[i + 2] * 114) / 1000);
        }
        if (colorType == 4) return line[x * 2];
        var perByte = 8 / bitDepth;
        var sample = bitDepth == 8 ? line[x] : (line[x / perByte] >> (8 - bitDepth * (x % perByte + 1))) & ((1 << bitDepth) - 1);
        if (colorType == 3)
            return (byte)((palette[sample * 3] * 299 + palette[sample * 3 + 1] * 587 + palette[sample * 3 + 2] * 114) / 1000);
        return (byte)(sample * 255 / ((1 << bitDepth) - 1));
    }
}
