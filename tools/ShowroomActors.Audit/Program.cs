using ShowroomActors.Audit;

// showroom-audit: read-only audit of the ShowroomActors journal, with the server running or stopped.
// Results go to standard output, progress and errors to standard error. Exit codes: see AuditCli.
return await AuditCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
