using System.Data.Common;
using System.Globalization;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using static ShowroomActors.Actors.Persistence.SqlCommands;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Buyers;

/// <summary>
/// The quota report's read model, in the journal's own database (SQLite or PostgreSQL, portable SQL):
/// <c>quota_report_units</c> (every budget unit), <c>quota_report_years</c> (plan and tally per account and year) and
/// the projection's row in <c>projection_offsets</c>. Each batch of events changes the rows and the offset in one
/// transaction, so after a crash or restart the projection resumes exactly where the rows are. Deleting the offset
/// row makes the next start clear the rows and rebuild them from the journal.
/// </summary>
public sealed class QuotaReportStore(ShowroomSettings settings)
{
    public const string ProjectionId = "quota-report";

    private const string Schema = ProjectionOffsets.Schema + """
        CREATE TABLE IF NOT EXISTS quota_report_units (
            unit_id VARCHAR(64) NOT NULL PRIMARY KEY,
            name VARCHAR(200) NOT NULL,
            jurisdiction VARCHAR(64) NULL);
        CREATE TABLE IF NOT EXISTS quota_report_years (
            buyer_id VARCHAR(64) NOT NULL,
            quota_year INTEGER NOT NULL,
            has_plan INTEGER NOT NULL DEFAULT 0,
            canteen_food_budget_fen BIGINT NULL,
            reserved_ratio_bp INTEGER NULL,
            ratio_source VARCHAR(100) NULL,
            has_canteen INTEGER NULL,
            showroom_fen BIGINT NOT NULL DEFAULT 0,
            union_fen BIGINT NOT NULL DEFAULT 0,
            external_fen BIGINT NOT NULL DEFAULT 0,
            total_fen BIGINT NOT NULL DEFAULT 0,
            reversed_after_year_end_fen BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (buyer_id, quota_year));
        """;

    private const string UpsertUnit = """
        INSERT INTO quota_report_units (unit_id, name, jurisdiction) VALUES (@unit, @name, @jurisdiction)
        ON CONFLICT (unit_id) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction
        """;

    private const string UpsertPlan = """
        INSERT INTO quota_report_years (buyer_id, quota_year, has_plan, canteen_food_budget_fen, reserved_ratio_bp, ratio_source, has_canteen)
        VALUES (@buyer, @year, 1, @budget, @ratio, @source, @canteen)
        ON CONFLICT (buyer_id, quota_year) DO UPDATE SET has_plan = 1, canteen_food_budget_fen = excluded.canteen_food_budget_fen,
            reserved_ratio_bp = excluded.reserved_ratio_bp, ratio_source = excluded.ratio_source, has_canteen = excluded.has_canteen
        """;

    private const string AddToTally = """
        INSERT INTO quota_report_years (buyer_id, quota_year, showroom_fen, union_fen, external_fen, total_fen, reversed_after_year_end_fen)
        VALUES (@buyer, @year, @showroom, @union, @external, @total, @late)
        ON CONFLICT (buyer_id, quota_year) DO UPDATE SET
            showroom_fen = quota_report_years.showroom_fen + excluded.showroom_fen,
            union_fen = quota_report_years.union_fen + excluded.union_fen,
            external_fen = quota_report_years.external_fen + excluded.external_fen,
            total_fen = quota_report_years.total_fen + excluded.total_fen,
            reversed_after_year_end_fen = quota_report_years.reversed_after_year_end_fen + excluded.reversed_after_year_end_fen
        """;

    private const string SelectYear = """
        SELECT u.unit_id, u.name, u.jurisdiction, y.has_plan, y.canteen_food_budget_fen, y.reserved_ratio_bp, y.ratio_source,
               y.has_canteen, y.showroom_fen, y.union_fen, y.external_fen, y.total_fen, y.reversed_after_year_end_fen
        FROM quota_report_units u
        LEFT JOIN quota_report_years y ON y.buyer_id = u.unit_id AND y.quota_year = @year
        ORDER BY u.unit_id
        """;

    private volatile bool _schemaReady;

    /// <summary>
    /// Creates the tables if missing and returns the offset to resume after. Without a stored offset the rows are
    /// cleared (in the same transaction) so the projection rebuilds them from the start of the journal.
    /// </summary>
    public async Task<long> StartAsync(CancellationToken cancel)
    {
        _schemaReady = false; // a restart after a failure checks the tables again
        await EnsureSchemaAsync(cancel);
        return await ProjectionOffsets.ResumeOrClearAsync(settings, ProjectionId, ["quota_report_years", "quota_report_units"], cancel);
    }

    /// <summary>Applies one batch of buyer events (in journal order) and moves the offset past it, in one transaction.</summary>
    public async Task<ProjectedBatch> ApplyAsync(IReadOnlyList<(long Ordinal, IBuyerEvent? Event)> batch, DateTimeOffset now, CancellationToken cancel)
    {
        if (batch.Count == 0) throw new ArgumentException("An empty batch has no offset.", nameof(batch));
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        foreach (var (_, evt) in batch)
            if (evt is not null) await ProjectAsync(connection, tx, evt, cancel);

        var last = batch[^1].Ordinal;
        await Execute(connection, tx, ProjectionOffsets.Save, cancel,
            SqlParam.Text("@id", ProjectionId), SqlParam.Int64("@ordinal", last), SqlParam.Int64("@events", batch.Count), SqlParam.Text("@at", Timestamp(now)));
        await tx.CommitAsync(cancel);
        return new ProjectedBatch(last, batch.Count);
    }

    private static async Task ProjectAsync(DbConnection connection, DbTransaction tx, IBuyerEvent evt, CancellationToken cancel)
    {
        switch (evt)
        {
            case BuyerRegistered { Details.Kind: BuyerKind.BudgetUnit } r:
                await Execute(connection, tx, UpsertUnit, cancel,
                    SqlParam.Text("@unit", r.BuyerId), SqlParam.Text("@name", r.Details.Name), SqlParam.Text("@jurisdiction", r.Details.Jurisdiction));
                break;
            case PlanDeclared p:
                await Execute(connection, tx, UpsertPlan, cancel,
                    SqlParam.Text("@buyer", p.BuyerId), SqlParam.Int32("@year", p.Year), SqlParam.Int64("@budget", p.CanteenFoodBudget.Value),
                    SqlParam.Int32("@ratio", p.ReservedRatio?.BasisPoints), SqlParam.Text("@source", p.RatioSource), SqlParam.Int32("@canteen", p.HasCanteen ? 1 : 0));
                break;
        }

        if (TallyChange.Of(evt) is var (year, d))
            await Execute(connection, tx, AddToTally, cancel,
                SqlParam.Text("@buyer", evt.BuyerId), SqlParam.Int32("@year", year), SqlParam.Int64("@showroom", d.ShowroomFen.Value),
                SqlParam.Int64("@union", d.UnionFen.Value), SqlParam.Int64("@external", d.ExternalFen.Value), SqlParam.Int64("@total", d.TotalFen.Value),
                SqlParam.Int64("@late", d.ReversedAfterYearEndFen.Value));
    }

    /// <summary>The report of <paramref name="year"/>: every budget unit with its figures as of <paramref name="now"/>.</summary>
    public async Task<QuotaReport> ReadAsync(int year, DateTimeOffset now, CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        var lines = new List<QuotaReportLine>();
        await using (var command = Command(connection, null, SelectYear, SqlParam.Int32("@year", year)))
        await using (var reader = await command.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                var plan = !reader.IsDBNull(3) && reader.GetInt64(3) == 1
                    ? new AnnualPlan(
                        year,
                        new Fen(reader.GetInt64(4)),
                        reader.IsDBNull(5) ? null : Ratio.FromBasisPoints((int)reader.GetInt64(5)),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.GetInt64(7) == 1)
                    : null;
                var tally = reader.IsDBNull(8)
                    ? YearTally.Empty
                    : new YearTally(Money(reader, 8), Money(reader, 9), Money(reader, 10), Money(reader, 11), Money(reader, 12));
                lines.Add(new QuotaReportLine(
                    reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    QuotaFigures.Compute(year, plan, tally, now)));
            }
        }

        long offset = 0;
        DateTimeOffset? projectedAt = null;
        await using (var command = Command(connection, null, "SELECT ordinal, updated_at FROM projection_offsets WHERE projection_id = @id", SqlParam.Text("@id", ProjectionId)))
        await using (var reader = await command.ExecuteReaderAsync(cancel))
        {
            if (await reader.ReadAsync(cancel))
            {
                offset = reader.GetInt64(0);
                projectedAt = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            }
        }

        return new QuotaReport(year, now, offset, projectedAt, lines);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancel)
    {
        if (_schemaReady) return;
        await ProjectionOffsets.CreateSchemaAsync(settings, Schema, cancel);
        _schemaReady = true;
    }

    private static Fen Money(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal));

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>A batch the projection wrote: the journal ordering it reached and how many events it held.</summary>
public sealed record ProjectedBatch(long Offset, int Events);

/// <summary>The quota report of one year, read from the projection's tables.</summary>
/// <param name="Offset">The journal ordering the read model has reached.</param>
/// <param name="ProjectedAt">When the projection last wrote a batch.</param>
public sealed record QuotaReport(int Year, DateTimeOffset GeneratedAt, long Offset, DateTimeOffset? ProjectedAt, IReadOnlyList<QuotaReportLine> Lines);

/// <summary>One budget unit in the report.</summary>
public sealed record QuotaReportLine(string UnitId, string Name, string? Jurisdiction, QuotaFigures Figures);
