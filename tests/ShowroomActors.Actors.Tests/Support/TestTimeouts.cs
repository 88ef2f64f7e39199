namespace ShowroomActors.Actors.Tests.Support;

/// <summary>Test HOCON for timing: the machine runs other builds and tests beside ours, so expectations wait longer.</summary>
public static class TestTimeouts
{
    /// <summary>ExpectMsg waits up to 10 s by default (instead of 3 s); a first write to a fresh SQLite file can be slow under load.</summary>
    public const string Patient = "akka.test.single-expect-default = 10s";
}
