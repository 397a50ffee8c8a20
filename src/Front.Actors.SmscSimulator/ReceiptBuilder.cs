using System.Globalization;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;
using Front.Actors.Domain.Text;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// Writes the deliver_sm an SMSC sends as a delivery receipt: Appendix B text in the short_message plus the
/// receipted_message_id and message_state TLVs, addressed back to the submit's sender.
/// </summary>
internal static class ReceiptBuilder
{
    public static DeliverSm Build(SubmitSm submit, ulong id, SmscSimulatorOptions options, MessageState outcome, DateTimeOffset submittedAt, DateTimeOffset doneAt)
    {
        var delivered = outcome == MessageState.Delivered;
        var error = outcome switch
        {
            MessageState.Delivered => "000",
            MessageState.Expired => "027",
            _ => "001",
        };
        var text = $"id:{Format(id, options.ReceiptIds)} sub:001 dlvrd:{(delivered ? "001" : "000")} " +
                   $"submit date:{submittedAt:yyMMddHHmm} done date:{doneAt:yyMMddHHmm} stat:{MessageStates.ToStat(outcome)} err:{error} text:{Preview(submit)}";
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
                Tlv.FromCString(TlvTag.ReceiptedMessageId, Format(id, options.MessageIds)),
                Tlv.FromByte(TlvTag.MessageState, (byte)outcome)),
        };
    }

    public static string Format(ulong id, MessageIdStyle style) =>
        style == MessageIdStyle.Hex ? id.ToString("x", CultureInfo.InvariantCulture) : id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first 20 characters of the message, as SMSCs quote it; non-ASCII becomes '?'.</summary>
    private static string Preview(SubmitSm submit)
    {
        var data = submit.UserData.Span;
        if (Smpp.Protocol.EsmClass.HasUdh(submit.EsmClass) && UserDataHeader.TryParse(data, out var headerLength, out _))
            data = data[headerLength..];
        string text;
        try
        {
            text = SmsTextCodec.Decode(data, submit.DataCoding);
        }
        catch (Exception)
        {
            text = "";
        }
        var preview = text.Length > 20 ? text[..20] : text;
        return string.Concat(preview.Select(c => c is >= ' ' and < '\u007F' ? c : '?'));
    }
}
