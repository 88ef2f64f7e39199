namespace ShowroomActors.Host.WebConsole.Pages;

public sealed class ForbiddenModel : ConsolePage;
