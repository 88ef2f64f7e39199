using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Tests.Catalog;

public sealed class ProductStateTests
{
    internal static readonly ProductDetails Rice = new("东源丝苗米 5kg", "rice", "东源县", "东源县禾丰水稻种植专业合作社", true,
        "FP44162520200001", new Fen(7800), 5080, "山泉水灌溉的丝苗米。", "合作社吸纳23户原贫困户。");

    private static ProductState Registered(string id = "rice")
    {
        var state = ProductState.Empty(id);
        return Run(state, new RegisterProduct(id, Rice));
    }

    private static ProductState Run(ProductState state, IProductCommand command)
    {
        var decision = ProductState.Decide(state, command);
        Assert.False(decision.IsRejected, decision.Rejection?.Message);
        return decision.Events.Aggregate(state, ProductState.Apply);
    }

    private static Rejection Rejected(ProductState state, IProductCommand command)
    {
        var decision = ProductState.Decide(state, command);
        Assert.Empty(decision.Events);
        return decision.Rejection ?? throw new Xunit.Sdk.XunitException("expected a rejection");
    }

    [Fact]
    public void Registering_records_the_details_once()
    {
        var decision = ProductState.Decide(ProductState.Empty("rice"), new RegisterProduct("rice", Rice));
        var registered = Assert.IsType<ProductRegistered>(Assert.Single(decision.Events));
        Assert.Equal(Rice, registered.Details);

        var state = Registered();
        Assert.True(state.IsRegistered);
        Assert.Empty(ProductState.Decide(state, new RegisterProduct("rice", Rice)).Events);
    }

    [Fact]
    public void Registering_again_with_other_details_is_a_conflict()
    {
        var rejection = Rejected(Registered(), new RegisterProduct("rice", Rice with { Price = new Fen(9900) }));
        Assert.Equal(RejectionCode.Conflict, rejection.Code);
        Assert.Equal("productId", rejection.Field);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("category")]
    [InlineData("originCounty")]
    [InlineData("supplier")]
    [InlineData("certificateNo")]
    [InlineData("priceFen")]
    [InlineData("unitWeightGrams")]
    [InlineData("intro")]
    [InlineData("story")]
    public void Invalid_details_are_rejected_naming_the_field(string field)
    {
        var details = field switch
        {
            "name" => Rice with { Name = " " },
            "category" => Rice with { Category = "" },
            "originCounty" => Rice with { OriginCounty = "" },
            "supplier" => Rice with { Supplier = new string('x', 201) },
            "certificateNo" => Rice with { CertificateNo = null }, // certified products need a certificate
            "priceFen" => Rice with { Price = new Fen(-1) },
            "unitWeightGrams" => Rice with { UnitWeightGrams = 0 },
            "intro" => Rice with { Intro = "" },
            _ => Rice with { Story = "" },
        };
        var rejection = Rejected(ProductState.Empty("rice"), new RegisterProduct("rice", details));
        Assert.Equal(RejectionCode.Invalid, rejection.Code);
        Assert.Equal(field, rejection.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("a/b")]
    public void Bad_product_ids_are_rejected(string id)
    {
        Assert.Equal("productId", Rejected(ProductState.Empty(id), new RegisterProduct(id, Rice)).Field);
    }

    [Fact]
    public void An_uncertified_product_needs_no_certificate()
    {
        var state = Run(ProductState.Empty("veg"), new RegisterProduct("veg", Rice with { CertifiedPovertyAlleviation = false, CertificateNo = null }));
        Assert.True(state.IsRegistered);
    }

    [Fact]
    public void Receiving_stock_adds_to_on_hand_and_available()
    {
        var state = Run(Registered(), new ReceiveStock("rice", 40, "DY-1"));
        state = Run(state, new ReceiveStock("rice", 60, "DY-2"));
        Assert.Equal(100, state.OnHand);
        Assert.Equal(100, state.Available);
        Assert.Equal(0, state.Reserved);
    }

    [Fact]
    public void A_batch_is_received_once_and_a_retry_records_nothing()
    {
        var state = Run(Registered(), new ReceiveStock("rice", 40, "DY-1"));
        Assert.Empty(ProductState.Decide(state, new ReceiveStock("rice", 40, "DY-1")).Events);
        var rejection = Rejected(state, new ReceiveStock("rice", 41, "DY-1"));
        Assert.Equal(RejectionCode.Conflict, rejection.Code);
        Assert.Equal("batch", rejection.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(ProductState.MaxReceiptQuantity + 1)]
    public void Stock_quantities_must_be_positive_and_sane(int quantity)
    {
        Assert.Equal("quantity", Rejected(Registered(), new ReceiveStock("rice", quantity, "DY-1")).Field);
    }

    [Fact]
    public void Stock_for_an_unregistered_product_is_not_found()
    {
        Assert.Equal(RejectionCode.NotFound, Rejected(ProductState.Empty("nope"), new ReceiveStock("nope", 1, "B")).Code);
    }
}
