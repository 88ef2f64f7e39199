using System.Net;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Hardening;

/// <summary>Issue 18 item 6: duplicate JSON keys and bodies in another charset than UTF-8 are refused, naming what is wrong.</summary>
public sealed class RequestBodyTests : IAsyncLifetime
{
    private TestShowroom _showroom = null!;

    public async Task InitializeAsync() => _showroom = await TestShowroom.StartAsync();

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    [Fact]
    public async Task A_duplicate_key_is_400_naming_the_key_and_nothing_is_recorded()
    {
        var body = """{"productId":"fuzhu","name":"腐竹","category":"x","originCounty":"东源县","supplier":"社","certifiedPovertyAlleviation":false,"priceFen":3680,"priceFen":1,"unitWeightGrams":540,"intro":"i","story":"s"}""";
        var problem = await TestShowroom.AssertProblemAsync(await _showroom.PostRawAsync("/api/v1/products", body), 400, "$.priceFen");
        Assert.Contains("more than once", problem.GetProperty("detail").GetString());
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/products/fuzhu", key: null), 404);
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_in_another_charset_than_utf8_is_415_naming_the_content_type(string contentType) =>
        await TestShowroom.AssertProblemAsync(await _showroom.PostRawAsync("/api/v1/products", """{"productId":"fuzhu"}""", contentType), 415, "Content-Type");

    [Fact]
    public async Task Utf8_named_either_way_is_read()
    {
        foreach (var (type, id) in new[] { ("application/json; charset=utf-8", "a-1"), ("application/json; charset=UTF8", "a-2") })
        {
            var body = System.Text.Json.JsonSerializer.Serialize(SampleProducts.Fuzhu(id));
            Assert.Equal(HttpStatusCode.Created, (await _showroom.PostRawAsync("/api/v1/products", body, type)).StatusCode);
        }
    }

    [Fact]
    public async Task Answers_carry_chinese_text_as_itself_not_as_escapes()
    {
        await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu());
        var text = await (await _showroom.GetAsync("/api/v1/products/dongyuan-fuzhu-500g", key: null)).Content.ReadAsStringAsync();
        Assert.Contains("东源客家腐竹", text);
        Assert.DoesNotContain("\\u", text);
    }
}
