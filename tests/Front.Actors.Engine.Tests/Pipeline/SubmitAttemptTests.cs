using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Text;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;

namespace Front.Actors.Engine.Tests.Pipeline;

public class SubmitAttemptTests
{
    private static OutboundMessage Message()
    {
        Sender.TryParse("Front", out var sender, out _);
        MobileNumberParser.TryParse("+4791234567", out var to, out _);
        return new OutboundMessage("msg_1", "acct", sender!, to!, MessageText.Analyze(new string('a', 400)), null);
    }

    [Fact]
    public void A_message_whose_parts_were_withheld_for_a_suspension_goes_back_without_avoiding_the_bind()
    {
        var attempt = new SubmitAttempt(Message(), partsSent: 3);

        Assert.Null(attempt.Answer(1, PartAnswer.Accepted, "telenor-1").RouteAgain);
        Assert.Null(attempt.Answer(2, PartAnswer.Withheld, "telenor-1").RouteAgain);
        var again = attempt.Answer(3, PartAnswer.Withheld, "telenor-1").RouteAgain;

        Assert.NotNull(again);
        Assert.Equal([1], again.SentParts);
        Assert.Empty(again.ExcludedBinds);
    }

    [Fact]
    public void A_message_whose_later_part_was_handed_back_is_routed_again_without_the_accepted_part()
    {
        var attempt = new SubmitAttempt(Message(), partsSent: 3);

        Assert.Null(attempt.Answer(1, PartAnswer.Accepted, "telenor-1").RouteAgain);
        Assert.Null(attempt.Answer(2, PartAnswer.HandedBack, "telenor-1").RouteAgain);
        var again = attempt.Answer(3, PartAnswer.HandedBack, "telenor-1").RouteAgain;

        Assert.NotNull(again);
        Assert.Equal([1], again.SentParts);
        Assert.Equal(["telenor-1"], again.ExcludedBinds);
    }

    [Fact]
    public void A_message_is_routed_again_only_once_every_part_has_answered()
    {
        var attempt = new SubmitAttempt(Message(), partsSent: 2);

        Assert.Null(attempt.Answer(1, PartAnswer.HandedBack, "telia-1").RouteAgain);
        Assert.NotNull(attempt.Answer(2, PartAnswer.Accepted, "telia-1").RouteAgain);
    }

    [Fact]
    public void A_refused_part_rejects_the_message_once_and_it_is_not_routed_again()
    {
        var attempt = new SubmitAttempt(Message(), partsSent: 3);

        Assert.True(attempt.Answer(1, PartAnswer.Refused, "ice-1").RejectMessage);
        Assert.False(attempt.Answer(2, PartAnswer.Refused, "ice-1").RejectMessage);
        var last = attempt.Answer(3, PartAnswer.HandedBack, "ice-1");

        Assert.Null(last.RouteAgain);
    }

    [Fact]
    public void The_concatenation_reference_is_the_same_on_every_attempt_and_after_a_restart()
    {
        var message = Message();
        var again = message with { SentParts = new HashSet<int> { 1 } };

        Assert.Equal(message.ConcatenationReference, again.ConcatenationReference);
        Assert.Equal(message.ConcatenationReference, Message().ConcatenationReference);
    }
}
