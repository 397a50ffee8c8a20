using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator.Tests;

internal static class SimulatorTestSupport
{
    public static SubmitSm Submit(string text = "Hei på deg", byte registeredDelivery = RegisteredDelivery.OnFinalOutcome) => new()
    {
        SourceAddrTon = 5,
        SourceAddr = "Front",
        DestAddrTon = 1,
        DestAddrNpi = 1,
        DestinationAddr = "4791234567",
        RegisteredDelivery = registeredDelivery,
        DataCoding = DataCoding.SmscDefault,
        ShortMessage = SmsText.Encode(text, DataCoding.SmscDefault),
    };

    public static string TextOf(ShortMessagePdu pdu) => SmsText.Decode(pdu.ShortMessage.Span, pdu.DataCoding);
}
