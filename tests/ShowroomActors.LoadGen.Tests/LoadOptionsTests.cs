using ShowroomActors.Client;
using ShowroomActors.Client.Cli;
using ShowroomActors.LoadGen;

namespace ShowroomActors.LoadGen.Tests;

public sealed class LoadOptionsTests
{
    private static LoadOptions Parse(params string[] args) => ParseWith(_ => null, args);

    private static LoadOptions ParseWith(Func<string, string?> env, params string[] args)
    {
        var (options, errors) = LoadCommand.Parse(args, env);
        Assert.Empty(errors);
        return options!;
    }

    private static string Refused(params string[] args)
    {
        var (options, errors) = LoadCommand.Parse(args, _ => null);
        Assert.Null(options);
        return Assert.Single(errors, e => !e.StartsWith("Unrecognized command or argument '5'", StringComparison.Ordinal));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ToolCommandLine.RunAsync(LoadCommand.Create(_ => null, args), args, "LoadGen", output, error);
        return (code, output.ToString(), error.ToString());
    }

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
        Assert.Equal(ShowroomClient.DemoOperatorKey, o.OperatorKey);
        Assert.False(o.AllowRealData);
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
        Assert.Equal("from-env", ParseWith(n => n == "SHOWROOM_OPERATOR_KEY" ? "from-env" : null).OperatorKey);
        Assert.Equal("given", ParseWith(_ => "from-env", "--operator-key", "given").OperatorKey);
    }

    [Fact]
    public void The_recorded_command_line_hides_the_operator_key()
    {
        Assert.Equal(["--rate", "5", "--operator-key", "***", "--operator-key=***"],
            ToolOptions.WithoutSecrets(["--rate", "5", "--operator-key", "secret", "--operator-key=secret"]));
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--rat'", "--rat", "5")]
    [InlineData("Required argument missing for option: '--duration'", "--duration")]
    [InlineData("--duration must be a time", "--duration", "ten")]
    [InlineData("--warm-up must be between", "--warm-up", "90m")]
    [InlineData("must be a base address without a path", "--url", "http://127.0.0.1:5080/api")]
    [InlineData("is not an absolute http(s) address", "--url", "127.0.0.1:5080")]
    [InlineData("unknown kind 'orders'", "--rate", "orders=5")]
    [InlineData("probes are paced by --probe-interval", "--mix", "ingest=1,probe=1")]
    [InlineData("--mix goes with a total --rate", "--rate", "ingest=5", "--mix", "ingest=1")]
    [InlineData("cannot exceed --slots", "--slots", "4", "--devices", "5")]
    [InlineData("--events-per-request must be a whole number between 1 and 1000", "--events-per-request", "1001")]
    [InlineData("--rfid-share must be a number between 0 and 1", "--rfid-share", "1.5")]
    [InlineData("--probe-slots must be a whole number between 1 and 1000", "--probe-slots", "0")]
    [InlineData("expects a single argument but 2 were provided", "--rate", "5", "--rate", "6")]
    [InlineData("Nothing to send", "--rate", "ingest=0", "--probe-interval", "0")]
    [InlineData("Quota reads need at least one buyer", "--buyers", "0")]
    [InlineData("--prefix must be", "--prefix", "lg_1")]
    [InlineData("--rate must be a number", "--rate", "fast")]
    public void Bad_arguments_are_refused_naming_the_problem(string expected, params string[] args) =>
        Assert.Contains(expected, Refused(args));

    [Fact]
    public async Task Help_exits_0_without_sending_anything_and_bad_arguments_exit_2()
    {
        var help = await RunAsync("--rate", "5", "--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("--probe-interval", help.Output);
        Assert.Contains("orders", help.Output);
        Assert.Equal(0, (await RunAsync("orders", "-h")).Code);
        Assert.Equal(ToolCommandLine.UsageError, (await RunAsync("orders", "--products", "2", "--lines", "3")).Code);
        Assert.Contains("--buyer must be 'on' or 'off'", (await RunAsync("orders", "--buyer", "maybe")).Error);
        Assert.Contains("--rate must be a whole number between 1 and 20000", (await RunAsync("orders", "--rate", "0")).Error);

        var typo = await RunAsync("--rat", "5");
        Assert.Equal(ToolCommandLine.UsageError, typo.Code);
        Assert.Contains("did you mean --rate?", typo.Error);
    }

    [Fact]
    public void The_real_data_guard_is_on_unless_allowed()
    {
        Assert.False(Parse().AllowRealData);
        Assert.True(Parse("--allow-real-data").AllowRealData);
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
