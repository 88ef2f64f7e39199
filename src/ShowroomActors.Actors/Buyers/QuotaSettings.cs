using System.Globalization;
using Akka.Configuration;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Actors.Buyers;

/// <summary>
/// <c>showroom.quotas</c> from HOCON: the reserved-ratio table, when orders are credited, and the report projection's
/// tuning. Bad values fail start-up with a message naming the key.
/// </summary>
public sealed record QuotaSettings(
    RatioTable Ratios,
    CreditMoment CreditAt,
    int ReportBatchSize,
    TimeSpan ReportBatchWindow,
    TimeSpan ReportMinBackoff,
    TimeSpan ReportMaxBackoff)
{
    public const string Path = "showroom.quotas";

    public static QuotaSettings FromConfig(Config config)
    {
        var quotas = config.GetConfig(Path) ?? throw new SettingsException($"{Path} is missing from the configuration.");
        return new QuotaSettings(
            new RatioTable(ReadRatios(quotas.GetConfig("default-ratios"), $"{Path}.default-ratios"), Jurisdictions(quotas.GetConfig("jurisdictions"))),
            ParseMoment(quotas.GetString("credit-at", "payment")),
            quotas.GetInt("report.batch-size", 500),
            quotas.GetTimeSpan("report.batch-window", TimeSpan.FromMilliseconds(100)),
            quotas.GetTimeSpan("report.restart-min-backoff", TimeSpan.FromMilliseconds(500)),
            quotas.GetTimeSpan("report.restart-max-backoff", TimeSpan.FromSeconds(30)));
    }

    private static CreditMoment ParseMoment(string text)
    {
        try
        {
            return QuotaCrediting.ParseMoment(text);
        }
        catch (FormatException e)
        {
            throw new SettingsException(e.Message);
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<int, Ratio>> Jurisdictions(Config? jurisdictions)
    {
        var table = new Dictionary<string, IReadOnlyDictionary<int, Ratio>>(StringComparer.Ordinal);
        if (jurisdictions is null || jurisdictions.IsEmpty) return table;
        foreach (var (name, _) in jurisdictions.AsEnumerable())
            table[name] = ReadRatios(jurisdictions.GetConfig(name), $"{Path}.jurisdictions.{name}");
        return table;
    }

    /// <summary>Reads <c>{ 2021 = 0.10, 2024 = 0.15 }</c>: years to exact decimal ratios (never through a double).</summary>
    private static Dictionary<int, Ratio> ReadRatios(Config? entries, string path)
    {
        var ratios = new Dictionary<int, Ratio>();
        if (entries is null || entries.IsEmpty) return ratios;
        foreach (var (key, value) in entries.AsEnumerable())
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !QuotaCalendar.IsValidYear(year))
                throw new SettingsException($"{path}: '{key}' is not a year from {QuotaCalendar.MinYear} to {QuotaCalendar.MaxYear}.");
            var text = value.GetString();
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || Ratio.TryFrom(number, "ratio", out var ratio) is not null)
                throw new SettingsException($"{path}.{key}: '{text}' is not a ratio between 0 and 1 with at most 4 decimals.");
            ratios[year] = ratio;
        }
        return ratios;
    }
}
