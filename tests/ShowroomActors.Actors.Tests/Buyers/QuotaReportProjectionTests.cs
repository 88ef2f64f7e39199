using Akka.Actor;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Buyers;

/// <summary>The quota report projection on a real SQLite journal: catch-up, resume from the stored offset, restart after failures, rebuild.</summary>
public sealed class QuotaReportProjectionTests(ITestOutputHelper output) : SqliteTestKit(output, FastProjection)
{
    private const string FastProjection = """
        akka.persistence.query.journal.sql.refresh-interval = 50ms
        akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay = 50ms
        showroom.quotas.report.batch-window = 20ms
        showroom.quotas.report.restart-min-backoff = 100ms
        showroom.quotas.report.restart-max-backoff = 300ms
        """;

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 7, 1, 0, 0, 0, Beijing));

    private QuotaSettings Quotas => QuotaSettings.FromConfig(Sys.Settings.Config);
    private QuotaReportStore Store => new(Settings);

    private static DateTimeOffset At(int month, int day) => new(2026, month, day, 10, 0, 0, Beijing);

    private IActorRef Projection() => Sys.ActorOf(QuotaReportProjection.Props(Store, Quotas, _clock));

    private void Send(IBuyerCommand command)
    {
        var buyer = Sys.ActorOf(BuyerEntity.Props(command.BuyerId, _clock, 100, Quotas.Ratios));
        buyer.Tell(command);
        ExpectMsg<IEntityReply>(m => m.RejectionOrNull() is null);
        Watch(buyer);
        buyer.Tell(PoisonPill.Instance);
        ExpectTerminated(buyer);
    }

    private void SeedUnits()
    {
        Send(new RegisterBuyer("hospital", new BuyerDetails(BuyerKind.BudgetUnit, "盐田区人民医院", null, "shenzhen-yantian")));
        Send(new RegisterBuyer("office", new BuyerDetails(BuyerKind.BudgetUnit, "海山街道办", null, "shenzhen-yantian")));
        Send(new RegisterBuyer("firm", new BuyerDetails(BuyerKind.Enterprise, "物流公司", null, null)));
        Send(new DeclarePlan("hospital", 2026, new Fen(300_000_000), null, true));
        Send(new DeclarePlan("office", 2026, new Fen(0), null, false));
        Send(new CreditOrder("hospital", "o-1", At(3, 1), new Fen(40_000_000), new Fen(50_000_000), null));
        Send(new CreditOrder("hospital", "o-2", At(3, 2), new Fen(6_000_000), new Fen(6_000_000), "hospital-union"));
        Send(new ReverseOrder("hospital", "o-1", At(4, 1)));
        Send(new RecordExternalPurchase("hospital", "832-1", new Fen(5_000_000), true, At(5, 1), null));
        Send(new CreditOrder("firm", "o-3", At(3, 3), new Fen(9_000), new Fen(9_000), null));
    }

    private async Task<QuotaReport> ReportWhenAsync(Func<QuotaReport, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var report = await Store.ReadAsync(2026, _clock.GetUtcNow(), CancellationToken.None);
            if (ready(report)) return report;
            if (DateTime.UtcNow > deadline) Assert.Fail($"The report did not get there; it is at offset {report.Offset}.");
            await Task.Delay(50);
        }
    }

    private static Fen HospitalCertified(QuotaReport report) =>
        report.Lines.SingleOrDefault(l => l.UnitId == "hospital")?.Figures.Certified ?? Fen.Zero;

    private static Task<QuotaReportStatus> StatusAsync(IActorRef projection) =>
        projection.Ask<QuotaReportStatus>(new GetQuotaReportStatus(), TimeSpan.FromSeconds(3));

    [Fact]
    public async Task Builds_every_budget_unit_with_the_same_figures_as_the_account()
    {
        SeedUnits();
        Projection();
        var report = await ReportWhenAsync(r => r.Offset >= 10);

        Assert.Equal(["hospital", "office"], report.Lines.Select(l => l.UnitId));
        var hospital = report.Lines[0].Figures;
        Assert.Equal(new Fen(90_000_000), hospital.Target);
        Assert.Equal((new Fen(0), new Fen(6_000_000), new Fen(5_000_000)), (hospital.ShowroomFen, hospital.UnionFen, hospital.ExternalFen));
        Assert.Equal(new Fen(11_000_000), hospital.Total);
        Assert.Equal(QuotaStatus.NoCanteen, report.Lines[1].Figures.Status);

        var account = Sys.ActorOf(BuyerEntity.Props("hospital", _clock, 100, Quotas.Ratios));
        account.Tell(new GetQuota("hospital", 2026));
        Assert.Equal(ExpectMsg<BuyerReply.Quota>().Figures, hospital);
    }

    [Fact]
    public async Task A_new_incarnation_resumes_after_the_stored_offset_instead_of_rebuilding()
    {
        SeedUnits();
        var first = Projection();
        var before = await ReportWhenAsync(r => r.Offset >= 10);
        Assert.Equal(10, (await StatusAsync(first)).EventsSinceStart);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        Send(new CreditOrder("hospital", "o-4", At(6, 1), new Fen(1_000), new Fen(1_000), null));
        var second = Projection();
        var after = await ReportWhenAsync(r => r.Offset > before.Offset);

        var status = await StatusAsync(second);
        Assert.Equal(before.Offset, status.ResumedFrom);
        Assert.Equal(1, status.EventsSinceStart);
        Assert.Equal(HospitalCertified(before) + new Fen(1_000), HospitalCertified(after));
    }

    [Fact]
    public async Task A_failing_write_restarts_the_stream_with_backoff_and_nothing_is_counted_twice()
    {
        SeedUnits();
        var projection = Projection();
        var before = await ReportWhenAsync(r => r.Offset >= 10);

        await using (var sabotage = new SqliteConnection(Settings.SqliteConnection))
        {
            await sabotage.OpenAsync();
            await using var trigger = sabotage.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER fail_quota BEFORE INSERT ON quota_report_years BEGIN SELECT RAISE(ABORT, 'injected failure'); END";
            await trigger.ExecuteNonQueryAsync();
        }
        Send(new DeclarePlan("office", 2027, new Fen(0), null, false));
        Send(new CreditOrder("hospital", "o-5", At(6, 2), new Fen(2_000), new Fen(2_000), null));
        await AwaitStartsAsync(projection, 3);
        Assert.Equal(before.Offset, (await Store.ReadAsync(2026, _clock.GetUtcNow(), CancellationToken.None)).Offset);

        await using (var repair = new SqliteConnection(Settings.SqliteConnection))
        {
            await repair.OpenAsync();
            await using var drop = repair.CreateCommand();
            drop.CommandText = "DROP TRIGGER fail_quota";
            await drop.ExecuteNonQueryAsync();
        }
        var after = await ReportWhenAsync(r => r.Offset > before.Offset + 1);
        Assert.Equal(HospitalCertified(before) + new Fen(2_000), HospitalCertified(after));
    }

    [Fact]
    public async Task Deleting_the_offset_row_rebuilds_the_read_model_from_the_journal()
    {
        SeedUnits();
        var first = Projection();
        var before = await ReportWhenAsync(r => r.Offset >= 10);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        await using (var connection = new SqliteConnection(Settings.SqliteConnection))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM projection_offsets WHERE projection_id = 'quota-report'";
            await delete.ExecuteNonQueryAsync();
        }

        var second = Projection();
        var rebuilt = await ReportWhenAsync(r => r.Offset == before.Offset);
        var status = await StatusAsync(second);
        Assert.Equal(0, status.ResumedFrom);
        Assert.Equal(10, status.EventsSinceStart);
        Assert.Equal(before.Lines, rebuilt.Lines);
    }

    private static async Task AwaitStartsAsync(IActorRef projection, int starts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await StatusAsync(projection)).Starts < starts)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The projection did not restart {starts - 1} times.");
            await Task.Delay(50);
        }
    }
}
