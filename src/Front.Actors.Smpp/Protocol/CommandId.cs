namespace Front.Actors.Smpp.Protocol;

/// <summary>SMPP 3.4 command identifiers (section 5.1.2.1). Responses have bit 31 set.</summary>
public enum CommandId : uint
{
    GenericNack = 0x80000000,
    BindReceiver = 0x00000001,
    BindReceiverResp = 0x80000001,
    BindTransmitter = 0x00000002,
    BindTransmitterResp = 0x80000002,
    QuerySm = 0x00000003,
    QuerySmResp = 0x80000003,
    SubmitSm = 0x00000004,
    SubmitSmResp = 0x80000004,
    DeliverSm = 0x00000005,
    DeliverSmResp = 0x80000005,
    Unbind = 0x00000006,
    UnbindResp = 0x80000006,
    ReplaceSm = 0x00000007,
    ReplaceSmResp = 0x80000007,
    CancelSm = 0x00000008,
    CancelSmResp = 0x80000008,
    BindTransceiver = 0x00000009,
    BindTransceiverResp = 0x80000009,
    Outbind = 0x0000000B,
    EnquireLink = 0x00000015,
    EnquireLinkResp = 0x80000015,
    SubmitMulti = 0x00000021,
    SubmitMultiResp = 0x80000021,
    AlertNotification = 0x00000102,
    DataSm = 0x00000103,
    DataSmResp = 0x80000103,
}

public static class CommandIdExtensions
{
    private const uint ResponseBit = 0x80000000;

    /// <summary>True for response PDUs (and generic_nack), which carry bit 31 of the command_id.</summary>
    public static bool IsResponse(this CommandId id) => ((uint)id & ResponseBit) != 0;

    /// <summary>The command_id of the response to a request, e.g. submit_sm → submit_sm_resp.</summary>
    public static CommandId ResponseId(this CommandId id) => (CommandId)((uint)id | ResponseBit);
}
