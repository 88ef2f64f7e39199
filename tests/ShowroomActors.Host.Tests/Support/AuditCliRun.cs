using ShowroomActors.Audit;

namespace ShowroomActors.Host.Tests.Support;

/// <summary>Runs the audit CLI in this process on a data folder, capturing what it writes.</summary>
public static class AuditCliRun
{
    public sealed record Result(int Code, string Output, string Error);

    public static async Task<Result> RunAsync(string dataDir, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AuditCli.RunAsync([.. args, "--data-dir", dataDir], output, error, CancellationToken.None);
        return new Result(code, output.ToString(), error.ToString());
    }
}
