using Front.Actors.Engine.Conversations;

namespace Front.Actors.Engine.Tests.Conversations;

/// <summary>The thread's memory of its latest message ids, by which a message handed to it again is known.</summary>
public class ConversationStateTests
{
    [Fact]
    public void A_thread_remembers_its_latest_message_ids_and_forgets_older_ones_in_order()
    {
        var state = ConversationState.Empty.Apply(new ConversationEvents.Opened("acme", "2401", "+4791234567", DateTimeOffset.UnixEpoch));
        const int sent = ConversationState.RememberedIds + 8;
        for (var n = 1; n <= sent; n++)
            state = n % 2 == 0
                ? state.Apply(new ConversationEvents.ReplyWritten($"m{n}", "Hei!", "kari", DateTimeOffset.UnixEpoch))
                : state.Apply(new ConversationEvents.MessageReceived($"m{n}", "Hei", null, DateTimeOffset.UnixEpoch));

        Assert.Equal(Enumerable.Range(sent - ConversationState.RememberedIds + 1, ConversationState.RememberedIds).Select(n => $"m{n}"), state.Recent);
        Assert.False(state.Has("m8"));
        Assert.True(state.Has("m9"));
        Assert.Equal(sent, state.Messages);
    }
}
