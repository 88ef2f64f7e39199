using ShowroomActors.Client.Cli;
using ShowroomActors.LoadGen;

return await ToolCommandLine.RunAsync(LoadCommand.Create(Environment.GetEnvironmentVariable, args), args, "LoadGen");
