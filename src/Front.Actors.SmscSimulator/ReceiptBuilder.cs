using System.Globalization;
using Front.Actors.Domain.Text;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;
using DataCoding = Front.Actors.Smpp.Protocol.DataCoding;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// Writes the deliver_sm an SMSC sends as a delivery receipt: the SMPP 3.4 Appendix B text in short_message plus
/// the receipted_message_id and message_state TLVs, addressed back to the submit's sender.
/// </summary>
internal static class ReceiptBuilder
{
    private const int PreviewLength = 20;

    public static DeliverSm Build(SubmitSm submit, ulong id, SmscSimulatorOptions options, MessageState outcome, DateTimeOffset submittedAt, DateTimeOffset doneAt)
    {
        var delivered = outcome == MessageState.Delivered;
        var error = outcome switch
        {
            MessageState.Delivered => "000",
            MessageState.Expired => "027",
            _ => "001",
        };
        var text = string.Create(CultureInfo.InvariantCulture,
            $"id:{options.ReceiptIds.Format(id)} sub:001 dlvrd:{(delivered ? "001" : "000")} submit date:{submittedAt:yyMMddHHmm} " +
            $"done date:{doneAt:yyMMddHHmm} stat:{MessageStates.ToStat(outcome)} err:{error} text:{Preview(submit)}");
        return new DeliverSm
        {
            SourceAddrTon = submit.DestAddrTon,
            SourceAddrNpi = submit.DestAddrNpi,
            SourceAddr = submit.DestinationAddr,
            DestAddrTon = submit.SourceAddrTon,
            DestAddrNpi = submit.SourceAddrNpi,
            DestinationAddr = submit.SourceAddr,
            EsmClass = EsmClass.DeliveryReceipt,
            DataCoding = DataCoding.SmscDefault,
            ShortMessage = System.Text.Encoding.ASCII.GetBytes(text),
            OptionalParameters = OptionalParameters.Of(
                Tlv.FromCString(TlvTag.ReceiptedMessageId, options.MessageIds.Format(id)),
                Tlv.FromByte(TlvTag.MessageState, (byte)outcome)),
        };
    }

    /// <summary>The first 20 characters of the message, as SMSCs quote it; anything but printable ASCII becomes '?'.</summary>
    private static string Preview(SubmitSm submit)
    {
        var data = submit.UserData.Span;
        if (EsmClass.HasUdh(submit.EsmClass) && UserDataHeader.TryParse(data, out var headerLength, out _))
            data = data[headerLength..];
        // 20 characters need at most 40 octets (GSM escapes, UCS-2); decoding the rest would be wasted work.
        data = data[..Math.Min(data.Length, 2 * PreviewLength + 2)];
        string text;
        try
        {
            text = SmsTextCodec.Decode(data, (Front.Actors.Domain.Text.DataCoding)submit.DataCoding);
        }
        catch (Exception)
        {
            return "";
        }
        var length = Math.Min(text.Length, PreviewLength);
        return string.Create(length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = source[i] is >= ' ' and < '\u007F' ? source[i] : '?';
        });
    }
}
