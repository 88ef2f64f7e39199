namespace ShowroomActors.Actors.Shelves;

/// <summary>DistributedPubSub topics: one per slot, carrying <see cref="Domain.Shelves.SlotDisplay"/> after each persisted change.</summary>
public static class DisplayTopics
{
    public static string For(string slotId) => $"slot-display.{slotId}";
}
