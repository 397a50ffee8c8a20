using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Text;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// A mobile-originated deliver_sm read into what the engine routes: the contact's number, our number, the
/// text (decoded by its data coding, the user data header taken off) and its concatenation, if any.
/// </summary>
public sealed record InboundSms(string From, string To, string Text, ConcatenationInfo? Concatenation)
{
    /// <summary>Reads the PDU, or says why it cannot be routed (the message is then kept as unrouted).</summary>
    public static bool TryRead(DeliverSm pdu, out InboundSms sms, out string reason)
    {
        sms = new InboundSms(pdu.SourceAddr, pdu.DestinationAddr, "", null);
        var from = pdu.SourceAddrTon == 1 && !pdu.SourceAddr.StartsWith('+') ? "+" + pdu.SourceAddr : pdu.SourceAddr;
        if (!MobileNumberParser.TryParse(from, out var contact, out var fromReason))
        {
            reason = $"source_addr '{pdu.SourceAddr}' is not a mobile number: {fromReason}";
            return false;
        }
        if (!OurNumber.TryParseSmppAddress(pdu.DestinationAddr, pdu.DestAddrTon, out var to))
        {
            reason = $"destination_addr '{pdu.DestinationAddr}' is not a short number or a mobile number";
            return false;
        }

        var userData = pdu.UserData.Span;
        ConcatenationInfo? concatenation = null;
        if (EsmClass.HasUdh(pdu.EsmClass))
        {
            if (!UserDataHeader.TryParse(userData, out var headerLength, out concatenation))
            {
                reason = "the user data header is malformed";
                return false;
            }
            userData = userData[headerLength..];
        }
        string text;
        try
        {
            text = SmsTextCodec.Decode(userData, (Front.Actors.Domain.Text.DataCoding)pdu.DataCoding);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.Text.DecoderFallbackException)
        {
            reason = $"the text cannot be decoded as data_coding {(byte)pdu.DataCoding}: {e.Message}";
            return false;
        }
        sms = new InboundSms(contact.E164, to, text, concatenation);
        reason = "";
        return true;
    }
}
