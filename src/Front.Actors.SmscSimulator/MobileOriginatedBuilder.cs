using Front.Actors.Smpp.Protocol;
using Front.Actors.Domain.Text;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// Writes what a handset's message looks like when the SMSC hands it on: one deliver_sm, or concatenated
/// parts with a UDH when the text is long, in GSM 7-bit when it fits and UCS-2 otherwise.
/// </summary>
internal static class MobileOriginatedBuilder
{
    public static IReadOnlyList<DeliverSm> Build(string from, string to, string text, DataCoding? coding, ushort reference)
    {
        var dataCoding = coding ?? SmsTextCodec.ChooseFor(text);
        var parts = SmsSplitter.Split(text, dataCoding, reference);
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
