using ShowroomActors.LoadGen;

namespace ShowroomActors.LoadGen.Tests;

public sealed class LoadOptionsTests
{
    private static LoadOptions Parse(params string[] args) => LoadOptions.Parse(args, _ => null);

    private static string Refused(params string[] args) => Assert.Throws<UsageException>(() => Parse(args)).Message;

    [Fact]
    public void Defaults_split_the_total_rate_by_the_default_mix_and_probe_once_a_second()
    {
        var o = Parse();
        Assert.Equal([new Uri("http://127.0.0.1:5080")], o.Urls);
        Assert.Equal(LoadOptions.DefaultTotalRate * 0.8, o.Rate(TrafficKind.Ingest), 9);
        Assert.Equal(LoadOptions.DefaultTotalRate, TrafficKinds.All.Where(k => k != TrafficKind.Probe).Sum(o.Rate), 9);
        Assert.Equal(1, o.Rate(TrafficKind.Probe));
        Assert.Equal(TimeSpan.FromSeconds(10), o.WarmUp);
        Assert.Equal(20, o.EventsPerRequest);
        Assert.Equal(o.Slots, o.DeviceCount);
        Assert.Equal(LoadOptions.DemoOperatorKey, o.OperatorKey);
    }

    [Fact]
    public void A_total_rate_with_a_mix_is_split_by_weight()
    {
        var o = Parse("--rate", "200", "--mix", "ingest=3,quota=1");
        Assert.Equal(150, o.Rate(TrafficKind.Ingest));
        Assert.Equal(50, o.Rate(TrafficKind.Quota));
        Assert.Equal(0, o.Rate(TrafficKind.QrOrder));
    }

    [Fact]
    public void Rates_per_kind_send_only_the_kinds_named_and_probe_sets_the_probe_interval()
    {
        var o = Parse("--rate", "ingest=40,web=2.5,probe=4");
        Assert.Equal(40, o.Rate(TrafficKind.Ingest));
        Assert.Equal(2.5, o.Rate(TrafficKind.WebOrder));
        Assert.Equal(0, o.Rate(TrafficKind.Report));
        Assert.Equal(TimeSpan.FromMilliseconds(250), o.ProbeInterval);
        Assert.Equal(0, Parse("--rate", "ingest=40").Rate(TrafficKind.Probe));
        Assert.Equal(0.5, Parse("--rate", "ingest=40", "--probe-interval", "2s").Rate(TrafficKind.Probe));
    }

    [Fact]
    public void Several_urls_make_a_cluster_and_equals_signs_work_like_spaces()
    {
        var o = Parse("--url=http://127.0.0.1:5001, http://127.0.0.1:5002/,http://127.0.0.1:5001", "--duration=2m", "--probe-interval", "500ms");
        Assert.Equal([new Uri("http://127.0.0.1:5001"), new Uri("http://127.0.0.1:5002")], o.Urls);
        Assert.Equal(TimeSpan.FromMinutes(2), o.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), o.ProbeInterval);
    }

    [Fact]
    public void The_operator_key_comes_from_the_environment_unless_given()
    {
        Assert.Equal("from-env", LoadOptions.Parse([], n => n == "SHOWROOM_OPERATOR_KEY" ? "from-env" : null).OperatorKey);
        Assert.Equal("given", LoadOptions.Parse(["--operator-key", "given"], _ => "from-env").OperatorKey);
    }

    [Fact]
    public void The_recorded_command_line_hides_the_operator_key()
    {
        Assert.Equal(["--rate", "5", "--operator-key", "***", "--operator-key=***"],
            LoadOptions.WithoutSecrets(["--rate", "5", "--operator-key", "secret", "--operator-key=secret"]));
    }

    [Theory]
    [InlineData("Unknown option '--rat'", "--rat", "5")]
    [InlineData("--duration needs a value", "--duration")]
    [InlineData("--duration must be a time", "--duration", "ten")]
    [InlineData("--warm-up must be between", "--warm-up", "90m")]
    [InlineData("must be a base address without a path", "--url", "http://127.0.0.1:5080/api")]
    [InlineData("is not an absolute http(s) address", "--url", "127.0.0.1:5080")]
    [InlineData("unknown kind 'orders'", "--rate", "orders=5")]
    [InlineData("probes are paced by --probe-interval", "--mix", "ingest=1,probe=1")]
    [InlineData("--mix goes with a total --rate", "--rate", "ingest=5", "--mix", "ingest=1")]
    [InlineData("cannot exceed --slots", "--slots", "4", "--devices", "5")]
    [InlineData("--events-per-request must be a whole number between 1 and 1000", "--events-per-request", "1001")]
    [InlineData("--rate is given twice", "--rate", "5", "--rate", "6")]
    [InlineData("Nothing to send", "--rate", "ingest=0", "--probe-interval", "0")]
    [InlineData("Quota reads need at least one buyer", "--buyers", "0")]
    [InlineData("--prefix must be", "--prefix", "lg_1")]
    public void Bad_arguments_are_refused_naming_the_problem(string expected, params string[] args) =>
        Assert.Contains(expected, Refused(args));

    [Fact]
    public void Help_is_not_an_error()
    {
        Assert.Throws<HelpRequested>(() => Parse("--rate", "5", "--help"));
    }

    [Fact]
    public void Probe_slots_cover_the_hold_and_the_linger_of_the_screen()
    {
        // Busy 0.5 s hold + 10 s linger + 1 s slack = 11.5 s: 12 slots at one probe a second, one more for rounding.
        Assert.Equal(13, LoadOptions.ProbeSlotsFor(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)));
        // The 3 s minimum play counts when the linger is shorter (test hosts).
        Assert.Equal(9, LoadOptions.ProbeSlotsFor(TimeSpan.FromMilliseconds(500), TimeSpan.Zero, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(0, Parse("--probe-interval", "0").ProbeSlotCount);
        Assert.Equal(3, Parse("--probe-slots", "3").ProbeSlotCount);
    }
}
