using System.Text;
using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Buyers;

/// <summary>
/// Accounts, plans, orders credited and refunded through the policy the order process calls, the quota, and the
/// report built by the projection, which resumes from its stored offset after a restart of the host.
/// </summary>
public sealed class QuotaEndToEndTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private const string FastProjection = """
        akka.persistence.query.journal.sql.refresh-interval = 50ms
        akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay = 50ms
        showroom.quotas.report.batch-window = 20ms
        showroom.ask-timeout = 20s
        """;

    private static readonly OrderLineValue[] RiceAndVegetables = [new(new Fen(30_000_000), true), new(new Fen(5_000_000), false)];

    private static async Task<IReadOnlyList<object>> OrderMilestoneAsync(
        TestShowroom showroom, string buyerId, string orderId, OrderMilestone milestone, DateTimeOffset at, IReadOnlyCollection<OrderLineValue> lines)
    {
        // What the order process does: find where the buyer's purchases are credited, ask the policy for the
        // commands, and send each to the buyer region until it is acknowledged.
        var system = showroom.System;
        var target = (await system.Buyers.Ask<BuyerReply.Target>(new GetCreditTarget(buyerId), TimeSpan.FromSeconds(20))).CreditTarget;
        var answers = new List<object>();
        foreach (var command in QuotaCrediting.CommandsFor(system.Quotas.CreditAt, target, orderId, milestone, at, lines))
            answers.Add(await system.Buyers.Ask<object>(command, TimeSpan.FromSeconds(20)));
        return answers;
    }

    private static async Task<JsonElement> ReportAsync(TestShowroom showroom, Func<JsonElement, bool> ready)
    {
        JsonElement report = default;
        await TestShowroom.EventuallyAsync(async () =>
        {
            report = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/reports/quota/2026"));
            return ready(report);
        }, TimeSpan.FromSeconds(30), "the quota report to catch up");
        return report;
    }

    private static JsonElement Unit(JsonElement report, string unitId) =>
        report.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == unitId).GetProperty("quota");

    /// <summary>A unit's certified amount in the report, or null while the projection has not written the unit yet.</summary>
    private static long? CertifiedIn(JsonElement report, string unitId) =>
        report.GetProperty("units").EnumerateArray()
            .Where(u => u.GetProperty("unitId").GetString() == unitId)
            .Select(u => (long?)u.GetProperty("quota").GetProperty("certifiedFen").GetInt64())
            .SingleOrDefault();

    private static Task<QuotaReportStatus> StatusAsync(TestShowroom showroom) =>
        showroom.System.QuotaReport.Ask<QuotaReportStatus>(new GetQuotaReportStatus(), TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Orders_paid_and_refunded_drive_quota_and_report_and_the_projection_resumes_after_a_restart()
    {
        await using var showroom = await TestShowroom.StartAsync(
            clock: new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 0, 0, 0, Beijing)), extraHocon: FastProjection);
        await showroom.PostAsync("/api/v1/buyers", new { buyerId = "hospital", kind = "budget-unit", name = "盐田区人民医院", jurisdiction = "shenzhen-yantian" });
        await showroom.PostAsync("/api/v1/buyers", new { buyerId = "school", kind = "budget-unit", name = "田东小学, \"东校区\"", jurisdiction = "shenzhen-yantian" });
        await showroom.PostAsync("/api/v1/buyers", new { buyerId = "office", kind = "budget-unit", name = "=海山街道办", jurisdiction = "shenzhen-yantian" });
        await showroom.PostAsync("/api/v1/buyers", new { buyerId = "hospital-union", kind = "trade-union", name = "医院工会", parentUnitId = "hospital" });
        await showroom.PostAsync("/api/v1/buyers", new { buyerId = "firm", kind = "enterprise", name = "物流公司" });
        await showroom.PutAsync("/api/v1/buyers/hospital/plans/2026", new { canteenFoodBudgetFen = 300_000_000, hasCanteen = true });
        await showroom.PutAsync("/api/v1/buyers/office/plans/2026", new { canteenFoodBudgetFen = 0, hasCanteen = false });

        Assert.Equal(CreditMoment.Payment, showroom.System.Quotas.CreditAt);
        var paid = await OrderMilestoneAsync(showroom, "hospital", "o-1", OrderMilestone.Paid, new DateTimeOffset(2026, 3, 1, 10, 0, 0, Beijing), RiceAndVegetables);
        Assert.Equal(OrderCreditStatus.Credited, Assert.IsType<BuyerReply.CreditAcknowledged>(Assert.Single(paid)).Ack.Status);
        await OrderMilestoneAsync(showroom, "hospital-union", "o-2", OrderMilestone.Paid, new DateTimeOffset(2026, 4, 1, 10, 0, 0, Beijing),
            [new(new Fen(12_000_000), true)]);
        await OrderMilestoneAsync(showroom, "hospital", "o-3", OrderMilestone.Paid, new DateTimeOffset(2026, 5, 1, 10, 0, 0, Beijing),
            [new(new Fen(4_000_000), true)]);
        Assert.Empty(await OrderMilestoneAsync(showroom, "hospital", "o-3", OrderMilestone.Inspected, new DateTimeOffset(2026, 5, 9, 10, 0, 0, Beijing),
            [new(new Fen(4_000_000), true)]));
        var refunded = await OrderMilestoneAsync(showroom, "hospital", "o-3", OrderMilestone.Refunded, new DateTimeOffset(2026, 5, 20, 10, 0, 0, Beijing), []);
        Assert.Equal(OrderCreditStatus.Reversed, Assert.IsType<BuyerReply.CreditAcknowledged>(Assert.Single(refunded)).Ack.Status);
        await showroom.PostAsync("/api/v1/buyers/hospital/external-purchases",
            new { reference = "832-0001", amountFen = 3_000_000, certified = true, at = "2026-06-01T10:00:00+08:00" });

        var quota = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/buyers/hospital/quota/2026"));
        Assert.Equal(45_000_000, quota.GetProperty("certifiedFen").GetInt64());
        Assert.Equal(50_000_000, quota.GetProperty("totalFen").GetInt64());
        Assert.Equal(30_000_000, quota.GetProperty("sources").GetProperty("showroomFen").GetInt64());
        Assert.Equal(12_000_000, quota.GetProperty("sources").GetProperty("unionFen").GetInt64());
        Assert.Equal(3_000_000, quota.GetProperty("sources").GetProperty("externalFen").GetInt64());
        Assert.True(quota.GetProperty("onTrack").GetBoolean());

        var report = await ReportAsync(showroom, r => CertifiedIn(r, "hospital") == 45_000_000);
        Assert.Equal(["hospital", "office", "school"], report.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetString()));
        Assert.Equal(quota, Unit(report, "hospital"), JsonElementComparer.Instance);
        Assert.Equal("no-canteen", Unit(report, "office").GetProperty("status").GetString());
        Assert.Equal("no-plan", Unit(report, "school").GetProperty("status").GetString());

        var csvResponse = await showroom.GetAsync("/api/v1/reports/quota/2026?format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync());
        var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("year,unitId,name,jurisdiction,status,", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("2026,hospital,盐田区人民医院,shenzhen-yantian,on-track,true,true,300000000,0.3,jurisdiction:shenzhen-yantian:2020,90000000,45000000,50000000,0.5,45000000,true,", rows[1]);
        Assert.StartsWith("2026,office,'=海山街道办,", rows[2]);
        Assert.StartsWith("2026,school,\"田东小学, \"\"东校区\"\"\",shenzhen-yantian,no-plan,false,,", rows[3]);
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/api/v1/reports/quota/2026?format=xml"), 400, "format");
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/api/v1/reports/quota/2026", key: TestShowroom.AuditorKey), 403);

        var before = await StatusAsync(showroom);
        var offsetBefore = report.GetProperty("readModel").GetProperty("offset").GetInt64();
        Assert.Equal(offsetBefore, before.Offset);
        Assert.True(before.EventsSinceStart >= 12);

        await showroom.RestartAsync();
        await OrderMilestoneAsync(showroom, "school", "o-4", OrderMilestone.Paid, new DateTimeOffset(2026, 6, 2, 10, 0, 0, Beijing),
            [new(new Fen(700_000), true)]);

        var after = await ReportAsync(showroom, r => CertifiedIn(r, "school") == 700_000);
        Assert.Equal(45_000_000, Unit(after, "hospital").GetProperty("certifiedFen").GetInt64());
        var status = await StatusAsync(showroom);
        Assert.Equal(offsetBefore, status.ResumedFrom);
        Assert.Equal(1, status.EventsSinceStart);
    }

    /// <summary>Compares two JSON values structurally (the quota endpoint and the report line must agree field by field).</summary>
    private sealed class JsonElementComparer : IEqualityComparer<JsonElement>
    {
        public static readonly JsonElementComparer Instance = new();

        public bool Equals(JsonElement x, JsonElement y) => JsonElement.DeepEquals(x, y);

        public int GetHashCode(JsonElement obj) => 0;
    }
}
