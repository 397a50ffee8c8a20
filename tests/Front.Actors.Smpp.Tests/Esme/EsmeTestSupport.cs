using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Tests.Esme;

internal static class EsmeTestSupport
{
    /// <summary>Settings with the timers shortened so that failures show within seconds, never tuned to make a test pass.</summary>
    public static EsmeSettings Settings(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        SystemId = "front",
        Password = "secret",
        ReconnectMinBackoff = TimeSpan.FromMilliseconds(50),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(500),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
    };

    public static SubmitRequest Request(int n, bool receipt = false) => new($"ref-{n}", new SubmitSm
    {
        SourceAddrTon = 5,
        SourceAddr = "Front",
        DestAddrTon = 1,
        DestAddrNpi = 1,
        DestinationAddr = $"479{n % 10_000_000:D7}",
        RegisteredDelivery = receipt ? RegisteredDelivery.OnFinalOutcome : RegisteredDelivery.None,
        DataCoding = DataCoding.SmscDefault,
        ShortMessage = System.Text.Encoding.ASCII.GetBytes($"message {n}"),
    });

    /// <summary>The reference a submit carried, read back from the text the SMSC received.</summary>
    public static string ReferenceOf(SubmitSm pdu) => "ref-" + System.Text.Encoding.ASCII.GetString(pdu.ShortMessage.Span)["message ".Length..];
}
