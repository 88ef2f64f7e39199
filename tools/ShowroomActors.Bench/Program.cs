using ShowroomActors.Bench;
using ShowroomActors.Client.Cli;

// ShowroomActors.Bench: side-by-side measurements in one run (docs/PERFORMANCE.md).
return await ToolCommandLine.RunAsync(BenchCommand.Create(Environment.GetEnvironmentVariable), args, "ShowroomActors.Bench");
