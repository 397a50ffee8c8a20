using Front.Actors.Domain.Text;
using Front.Actors.Smpp.Protocol;
using DataCoding = Front.Actors.Smpp.Protocol.DataCoding;
using TextCoding = Front.Actors.Domain.Text.DataCoding;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// Writes what a handset's message looks like when the SMSC hands it on: one deliver_sm, or concatenated
/// parts with a UDH when the text is long, in GSM 7-bit when it fits and UCS-2 otherwise.
/// </summary>
internal static class MobileOriginatedBuilder
{
    public static IReadOnlyList<DeliverSm> Build(string from, string to, string text, DataCoding? coding, ushort reference)
    {
        // The two enums carry the same data_coding octets: one for the wire, one for the text codec.
        var textCoding = coding is { } wanted ? (TextCoding)wanted : SmsTextCodec.ChooseFor(text);
        var dataCoding = (DataCoding)textCoding;
        var parts = SmsSplitter.Split(text, textCoding, reference);
        var (fromTon, fromNpi) = AddressType(from);
        var (toTon, toNpi) = AddressType(to);
        return parts.Select(part => new DeliverSm
        {
            SourceAddrTon = fromTon,
            SourceAddrNpi = fromNpi,
            SourceAddr = from.TrimStart('+'),
            DestAddrTon = toTon,
            DestAddrNpi = toNpi,
            DestinationAddr = to.TrimStart('+'),
            EsmClass = parts.Count > 1 ? EsmClass.UdhIndicator : (byte)0,
            DataCoding = dataCoding,
            ShortMessage = part,
            // As a handset's TP-MR: what lets the receiver tell a redelivery from a second message with the same text.
            OptionalParameters = OptionalParameters.Of(new Tlv(TlvTag.UserMessageReference, new[] { (byte)(reference >> 8), (byte)reference })),
        }).ToList();
    }

    // International numbers (country code included) are TON 1; short and national numbers TON 0; text senders TON 5.
    private static (byte Ton, byte Npi) AddressType(string address)
    {
        var digits = address.TrimStart('+');
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            return (5, 0);
        return digits.Length > 8 ? ((byte)1, (byte)1) : ((byte)0, (byte)1);
    }
}
