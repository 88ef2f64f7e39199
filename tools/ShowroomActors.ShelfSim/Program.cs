using ShowroomActors.Client.Cli;
using ShowroomActors.ShelfSim;

return await ToolCommandLine.RunAsync(SimCommand.Create(Environment.GetEnvironmentVariable, SimProgram.RunAsync), args, "ShelfSim");
