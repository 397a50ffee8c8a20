using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Receipts;

/// <summary>
/// Reads the receipt a deliver_sm carries. The receipted_message_id and message_state TLVs, when present,
/// win over the text, because operators fill them exactly while the text layout varies.
/// </summary>
public static class DeliveryReceiptReader
{
    public static DeliveryReceipt? Read(DeliverSm pdu)
    {
        // Receipt text is ASCII in practice, whatever data_coding says.
        var text = System.Text.Encoding.Latin1.GetString(pdu.UserData.Span);
        DeliveryReceiptParser.TryParse(text, out var parsed);

        var tlvId = pdu.OptionalParameters.ReceiptedMessageId;
        var tlvState = pdu.OptionalParameters.MessageState;
        if (parsed is null)
        {
            if (tlvId is null || tlvState is null)
                return null;
            var error = pdu.OptionalParameters.NetworkErrorCode?.ToString();
            return new DeliveryReceipt(tlvId, null, null, null, null, MessageStates.ToStat(tlvState.Value), tlvState.Value, error, null, tlvId);
        }
        return parsed with
        {
            ReceiptedMessageId = tlvId,
            State = tlvState ?? parsed.State,
            Stat = tlvState is { } state ? MessageStates.ToStat(state) : parsed.Stat,
        };
    }
}
