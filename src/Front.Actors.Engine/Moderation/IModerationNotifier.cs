using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Moderation;

/// <summary>Pushes the moderators' queue live: a new held item, and every decision.</summary>
public interface IModerationNotifier
{
    Task ItemHeldAsync(HeldItemRecord item);

    Task ItemDecidedAsync(string itemId, string accountId, bool approved, string moderator, string reason);
}
