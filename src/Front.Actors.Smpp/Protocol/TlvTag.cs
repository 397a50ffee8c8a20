namespace Front.Actors.Smpp.Protocol;

/// <summary>Tags of the optional parameters (TLVs) Front.Actors reads and writes (SMPP 3.4 section 5.3.2).</summary>
public static class TlvTag
{
    public const ushort UserMessageReference = 0x0204;
    public const ushort SourcePort = 0x020A;
    public const ushort DestinationPort = 0x020B;
    public const ushort SarMsgRefNum = 0x020C;
    public const ushort SarTotalSegments = 0x020E;
    public const ushort SarSegmentSeqnum = 0x020F;
    public const ushort ScInterfaceVersion = 0x0210;
    public const ushort PayloadType = 0x0019;
    public const ushort MessagePayload = 0x0424;
    public const ushort ReceiptedMessageId = 0x001E;
    public const ushort MessageState = 0x0427;
    public const ushort NetworkErrorCode = 0x0423;
}
