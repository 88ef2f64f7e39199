using System.Net;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;
using ZXing;
using ZXing.Common;

namespace ShowroomActors.Host.Tests.Orders;

public sealed class QrAndOrderPageTests
{
    [Fact]
    public async Task The_png_qr_code_decodes_to_the_slots_order_page_url()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await ShelfHost.BindAsync(showroom, "A-01", "lc-a01", "key-of-lc-a01", "qr-rice");

        var response = await showroom.GetAsync("/qr/A-01.png", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var (gray, width, height) = PngPixels.Read(await response.Content.ReadAsByteArrayAsync());
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var decoded = reader.Decode(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8));
        Assert.NotNull(decoded);
        Assert.Equal($"{showroom.BaseAddress.GetLeftPart(UriPartial.Authority)}/order/A-01", decoded.Text);
    }

    [Fact]
    public async Task The_svg_qr_code_encodes_the_configured_public_url_and_bad_slot_ids_are_refused()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await ShelfHost.BindAsync(showroom, "shelf.2-B", "lc-2b", "key-of-lc-2b", "qr-tea");
        var urls = (PublicUrls)showroom.Services.GetService(typeof(PublicUrls))!;
        var expectedPayload = $"{showroom.BaseAddress.GetLeftPart(UriPartial.Authority)}/order/shelf.2-B";
        Assert.Equal(expectedPayload, QrCodes.OrderPageUrl(urls, "shelf.2-B"));

        var response = await showroom.GetAsync("/qr/shelf.2-B.svg", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(QrCodes.Svg(expectedPayload), await response.Content.ReadAsStringAsync());
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/qr/A-01.gif", key: null), 404, "file");
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/qr/-bad.png", key: null), 400, "slotId");
    }

    [Fact]
    public async Task No_qr_code_is_drawn_for_a_slot_that_is_not_set_up()
    {
        await using var showroom = await TestShowroom.StartAsync();

        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/qr/NOPE-99.png", key: null), 404, "slotId");
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/qr/NOPE-99.svg", key: null), 404, "slotId");
    }

    [Fact]
    public async Task The_order_page_and_its_script_are_served()
    {
        await using var showroom = await TestShowroom.StartAsync();

        var page = await showroom.GetAsync("/order/A-01", key: null);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("/order.js", html);

        var script = await showroom.GetAsync("/order.js", key: null);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        var js = await script.Content.ReadAsStringAsync();
        Assert.Contains("Idempotency-Key", js);
        Assert.Contains("/api/v1/slots/", js);
        Assert.Equal(HttpStatusCode.OK, (await showroom.GetAsync("/order.css", key: null)).StatusCode);
    }
}
