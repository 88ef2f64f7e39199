using ShowroomActors.Bench;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.LoadGen.Tests;

/// <summary>Issue 19: the Bench's command line (help without running, unknown figures refused by name).</summary>
public sealed class BenchCommandLineTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ToolCommandLine.RunAsync(BenchCommand.Create(_ => null), args, "ShowroomActors.Bench", output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--quick", "-h")]
    public async Task Help_prints_the_options_and_exits_0_without_running_a_benchmark(params string[] args)
    {
        var (code, output, _) = await RunAsync(args);
        Assert.Equal(0, code);
        Assert.Contains("--only", output);
        Assert.DoesNotContain("ShowroomActors.Bench --quick on", output); // the run's first line
    }

    [Fact]
    public async Task An_unknown_figure_is_an_error_naming_the_known_ones()
    {
        var (code, _, error) = await RunAsync("--only", "foo");
        Assert.Equal(ToolCommandLine.UsageError, code);
        Assert.Contains("unknown 'foo'", error);
        Assert.Contains(string.Join(", ", Sections.Names), error);
        Assert.Contains("unknown 'bar'", (await RunAsync("--only", "ceiling,bar")).Error);
    }

    [Fact]
    public async Task A_misspelt_option_is_refused_with_a_suggestion()
    {
        var (code, _, error) = await RunAsync("--quik");
        Assert.Equal(ToolCommandLine.UsageError, code);
        Assert.Contains("did you mean --quick?", error);
    }

    [Fact]
    public void Known_figures_parse_comma_or_space_separated()
    {
        var command = BenchCommand.Create(_ => null);
        Assert.Empty(ToolCommandLine.Errors(command, "--only", "ceiling,ingest"));
        Assert.Empty(ToolCommandLine.Errors(command, "--only", "recovery", "audit"));
        Assert.Equal(Sections.Names.Count, Sections.Names.Distinct().Count());
    }
}
