using Front.Actors.Domain.Numbers;

namespace Front.Actors.Domain.Tests.Numbers;

public class SenderTests
{
    [Theory]
    [InlineData("Front", SenderKind.Alphanumeric, "Front", 5)]
    [InlineData("Kiwi & Co", SenderKind.Alphanumeric, "Kiwi & Co", 5)]
    [InlineData("ELEVENCHARS", SenderKind.Alphanumeric, "ELEVENCHARS", 5)]
    [InlineData("2401", SenderKind.ShortNumber, "2401", 3)]
    [InlineData("26114", SenderKind.ShortNumber, "26114", 3)]
    [InlineData("+4791234567", SenderKind.Number, "+4791234567", 1)]
    [InlineData("91234567", SenderKind.Number, "+4791234567", 1)]
    public void Valid_senders_are_recognised(string input, SenderKind kind, string value, byte ton)
    {
        Assert.True(Sender.TryParse(input, out var sender, out var reason), reason);
        Assert.Equal((kind, value, ton), (sender.Kind, sender.Value, sender.Ton));
    }

    [Theory]
    [InlineData("TWELVECHARSX", "at most 11")]
    [InlineData("Hei!", "may hold only")]
    [InlineData("", "required")]
    [InlineData("22123456", "numeric sender")]
    public void Invalid_senders_are_refused_with_a_reason(string input, string reasonPart)
    {
        Assert.False(Sender.TryParse(input, out _, out var reason));
        Assert.Contains(reasonPart, reason);
    }
}
