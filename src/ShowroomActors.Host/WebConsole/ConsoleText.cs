namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// The console's texts: each is written in English in the pages (<c>T["Floor"]</c>) and translated in
/// <c>Resources/WebConsole/ConsoleText.zh-CN.resx</c> (ASP.NET localization); English needs no file of its own.
/// </summary>
public sealed class ConsoleText;
