using System.Text;
using ShowroomActors.Client;
using ShowroomActors.Client.Cli;
using ShowroomActors.ShelfSim;

namespace ShowroomActors.LoadGen.Tests;

/// <summary>The shared command-line conventions, ShelfSim's command line and the pieces every tool shares.</summary>
public sealed class ToolCommandLineTests
{
    private static (SimOptions? Options, IReadOnlyList<string> Errors) Sim(params string[] args)
    {
        SimOptions? parsed = null;
        var command = SimCommand.Create(_ => null, (o, _) =>
        {
            parsed = o;
            return Task.FromResult(0);
        });
        var errors = ToolCommandLine.Errors(command, args);
        if (errors.Count == 0) command.Parse(args).Invoke();
        return (parsed, errors);
    }

    [Fact]
    public void ShelfSim_defaults_drive_the_demo_load_cells_and_a_count_names_its_own_slots()
    {
        var (o, _) = Sim();
        Assert.Equal(["A-01", "A-02", "A-03", "A-04"], o!.Slots);
        Assert.Equal(TimeSpan.FromMilliseconds(250), o.ReadingEvery);
        Assert.False(o.Rebind);
        Assert.Equal(["SIM-01", "SIM-02", "SIM-03"], Sim("--slots", "3").Options!.Slots);
        Assert.Equal(TimeSpan.FromMilliseconds(100), Sim("--interval", "100").Options!.ReadingEvery); // a bare number: milliseconds
        Assert.Equal(TimeSpan.FromSeconds(90), Sim("--duration", "90").Options!.Duration); // a bare number: seconds
        Assert.True(SimOptions.IsOwnSlot("SIM-07") && SimOptions.IsOwnSlot("LOAD-001") && !SimOptions.IsOwnSlot("A-01"));
    }

    [Theory]
    [InlineData("--slots as a count must be between 1 and 500", "--slots", "501")]
    [InlineData("is not a slot id", "--slots", "A 01")]
    [InlineData("--interval must be between 20ms and 10s", "--interval", "5")]
    [InlineData("--load must be a whole number between 0 and 1000", "--load", "1001")]
    [InlineData("Unrecognized command or argument '--lod'", "--lod", "5")]
    public void ShelfSim_refuses_bad_arguments_naming_them(string expected, params string[] args) =>
        Assert.Contains(Sim(args).Errors, e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public async Task ShelfSim_refuses_a_warm_up_as_long_as_the_run_without_running()
    {
        var ran = false;
        var error = new StringWriter();
        var code = await ToolCommandLine.RunAsync(SimCommand.Create(_ => null, (_, _) => { ran = true; return Task.FromResult(0); }),
            ["--load", "10", "--duration", "5", "--warm-up", "10"], "ShelfSim", new StringWriter(), error);
        Assert.Equal(ToolCommandLine.UsageError, code);
        Assert.False(ran);
    }

    [Fact]
    public async Task ShelfSim_help_exits_0_and_runs_nothing()
    {
        var ran = false;
        var output = new StringWriter();
        var code = await ToolCommandLine.RunAsync(SimCommand.Create(_ => null, (_, _) => { ran = true; return Task.FromResult(0); }), ["-h"], "ShelfSim", output, new StringWriter());
        Assert.Equal(0, code);
        Assert.False(ran);
        Assert.Contains("--rebind", output.ToString());
    }

    [Theory]
    [InlineData("--rate", "--rate", 0)]
    [InlineData("--rat", "--rate", 1)]
    [InlineData("--duraton", "--duration", 1)]
    [InlineData("--qiuck", "--quick", 2)]
    public void Typos_are_measured_in_edits(string typo, string option, int edits) => Assert.Equal(edits, ToolCommandLine.Distance(typo, option));

    [Fact]
    public async Task The_sse_reader_follows_the_event_stream_rules()
    {
        const string stream = "retry: 2000\n\n: keep-alive\n\nevent: display\nid: 7\ndata: {\"a\":1}\n\ndata:first\ndata: second\n\nevent: display\ndata: x\nid: 8\n\n";
        var comments = new List<string>();
        var events = new List<SseEvent>();
        await foreach (var e in SseReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(stream)), comments.Add)) events.Add(e);

        Assert.Equal([": keep-alive"], comments);
        Assert.Equal(3, events.Count);
        Assert.Equal(("display", "7", "{\"a\":1}"), (events[0].Event, events[0].Id, events[0].Data));
        Assert.Equal(("message", "first\nsecond"), (events[1].Event, events[1].Data));
        Assert.Equal(("display", "8", "x"), (events[2].Event, events[2].Id, events[2].Data));
    }

    [Fact]
    public void Demo_and_tool_ids_are_not_real_data_and_everything_else_is()
    {
        Assert.True(RealDataGuard.IsDemo("dongyuan-simiao-rice-5kg"));
        Assert.True(RealDataGuard.IsDemo("yantian-gov-office"));
        Assert.True(RealDataGuard.IsDemoOrTool("lg-p1", []));
        Assert.True(RealDataGuard.IsDemoOrTool("SIM-01", []));
        Assert.True(RealDataGuard.IsDemoOrTool("bench-p1", ["bench-"]));
        Assert.False(RealDataGuard.IsDemoOrTool("real-tea-1", []));
        Assert.False(RealDataGuard.IsDemoOrTool("bench-p1", []));
    }

    [Fact]
    public void Latencies_are_summarised_from_hdrhistogram()
    {
        var latencies = new Latencies();
        foreach (var ms in Enumerable.Range(1, 100)) latencies.RecordMilliseconds(ms);
        var summary = latencies.Summary();
        Assert.StartsWith("n=100 p50=50.0 p95=95.0 p99=99.0 max=100.0 ms", summary.Replace(".1 ", ".0 ", StringComparison.Ordinal));
        Assert.Equal("no samples", new Latencies().Summary());
    }
}
