using ShowroomActors.Audit;

// showroom-audit: read-only audit of the ShowroomActors journal, with the server running or stopped.
try
{
    var options = AuditOptions.Parse(args);
    return await AuditCommands.RunAsync(options, Console.Out, Console.Error, CancellationToken.None);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(AuditCommands.Usage);
    return 2;
}
catch (Exception e) when (e is System.Data.Common.DbException or FileNotFoundException or IOException)
{
    Console.Error.WriteLine($"error: cannot read the journal: {e.Message}");
    return 3;
}
