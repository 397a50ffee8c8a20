using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Moderation;

/// <summary>Pushes the moderators' queue live: a new held item, and every decision.</summary>
public interface IModerationNotifier
{
    Task ItemHeldAsync(HeldItemRecord item);

    /// <param name="decision">"approved" or "rejected" by a moderator, or "cancelled" by the customer while it was held.</param>
    Task ItemDecidedAsync(string itemId, string accountId, string decision, string moderator, string reason);
}
