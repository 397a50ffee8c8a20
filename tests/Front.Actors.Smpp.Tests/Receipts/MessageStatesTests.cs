using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Smpp.Tests.Receipts;

public class MessageStatesTests
{
    [Fact]
    public void Message_state_values_are_the_smpp_3_4_tlv_values()
    {
        Assert.Equal(
            [1, 2, 3, 4, 5, 6, 7, 8],
            new[]
            {
                MessageState.Enroute, MessageState.Delivered, MessageState.Expired, MessageState.Deleted,
                MessageState.Undeliverable, MessageState.Accepted, MessageState.Unknown, MessageState.Rejected,
            }.Select(s => (int)s));
    }

    [Theory]
    [InlineData("DELIVRD", MessageState.Delivered)]
    [InlineData("UNDELIV", MessageState.Undeliverable)]
    [InlineData("EXPIRED", MessageState.Expired)]
    [InlineData("DELETED", MessageState.Deleted)]
    [InlineData("ACCEPTD", MessageState.Accepted)]
    [InlineData("UNKNOWN", MessageState.Unknown)]
    [InlineData("REJECTD", MessageState.Rejected)]
    [InlineData("ENROUTE", MessageState.Enroute)]
    public void Every_appendix_b_stat_word_maps_to_its_state_and_back(string stat, MessageState state)
    {
        Assert.Equal(state, MessageStates.FromStat(stat));
        Assert.Equal(stat, MessageStates.ToStat(state));
    }

    [Theory]
    [InlineData("delivrd", MessageState.Delivered)]
    [InlineData(" Undeliv ", MessageState.Undeliverable)]
    [InlineData("DELIVERED", MessageState.Delivered)]
    [InlineData("undelivered", MessageState.Undeliverable)]
    [InlineData("Rejected", MessageState.Rejected)]
    public void Stat_words_are_read_in_any_case_and_spelled_out(string stat, MessageState state)
    {
        Assert.Equal(state, MessageStates.FromStat(stat));
    }

    [Theory]
    [InlineData("")]
    [InlineData("FAILED?")]
    public void An_unheard_of_stat_word_is_unknown(string stat)
    {
        Assert.Equal(MessageState.Unknown, MessageStates.FromStat(stat));
    }

    [Fact]
    public void Only_delivered_expired_deleted_undeliverable_and_rejected_are_final()
    {
        var final = Enum.GetValues<MessageState>().Where(MessageStates.IsFinal);

        Assert.Equal([MessageState.Delivered, MessageState.Expired, MessageState.Deleted, MessageState.Undeliverable, MessageState.Rejected], final);
    }
}
