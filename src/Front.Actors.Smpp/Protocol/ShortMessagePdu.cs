using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Protocol;

/// <summary>
/// The body submit_sm and deliver_sm share (SMPP 3.4 sections 4.4.1 and 4.6.1): addresses, flags,
/// data_coding, up to 254 octets of short_message and the optional parameters.
/// </summary>
public abstract record ShortMessagePdu : RequestPdu
{
    public const int MaxShortMessageLength = 254;

    public string ServiceType { get; init; } = "";
    public byte SourceAddrTon { get; init; }
    public byte SourceAddrNpi { get; init; }
    public string SourceAddr { get; init; } = "";
    public byte DestAddrTon { get; init; }
    public byte DestAddrNpi { get; init; }
    public string DestinationAddr { get; init; } = "";
    public byte EsmClass { get; init; }
    public byte ProtocolId { get; init; }
    public byte PriorityFlag { get; init; }
    public string ScheduleDeliveryTime { get; init; } = "";
    public string ValidityPeriod { get; init; } = "";
    public byte RegisteredDelivery { get; init; }
    public byte ReplaceIfPresentFlag { get; init; }
    public DataCoding DataCoding { get; init; }
    public byte SmDefaultMsgId { get; init; }
    public ReadOnlyMemory<byte> ShortMessage { get; init; } = ReadOnlyMemory<byte>.Empty;
    public OptionalParameters OptionalParameters { get; init; } = OptionalParameters.Empty;

    internal override int BodySize =>
        CString.SizeOf(ServiceType) + 2 + CString.SizeOf(SourceAddr) + 2 + CString.SizeOf(DestinationAddr) + 3 +
        CString.SizeOf(ScheduleDeliveryTime) + CString.SizeOf(ValidityPeriod) + 5 + ShortMessage.Length +
        OptionalParameters.EncodedSize;

    internal override void WriteBody(ref PduWriter writer)
    {
        CString.EnsureFits(ServiceType, 6, "service_type");
        CString.EnsureFits(SourceAddr, 21, "source_addr");
        CString.EnsureFits(DestinationAddr, 21, "destination_addr");
        CString.EnsureFits(ScheduleDeliveryTime, 17, "schedule_delivery_time");
        CString.EnsureFits(ValidityPeriod, 17, "validity_period");
        if (ShortMessage.Length > MaxShortMessageLength)
            throw new ArgumentException($"short_message is {ShortMessage.Length} octets, at most {MaxShortMessageLength} allowed; use message_payload", nameof(ShortMessage));
        writer.WriteCString(ServiceType);
        writer.WriteByte(SourceAddrTon);
        writer.WriteByte(SourceAddrNpi);
        writer.WriteCString(SourceAddr);
        writer.WriteByte(DestAddrTon);
        writer.WriteByte(DestAddrNpi);
        writer.WriteCString(DestinationAddr);
        writer.WriteByte(EsmClass);
        writer.WriteByte(ProtocolId);
        writer.WriteByte(PriorityFlag);
        writer.WriteCString(ScheduleDeliveryTime);
        writer.WriteCString(ValidityPeriod);
        writer.WriteByte(RegisteredDelivery);
        writer.WriteByte(ReplaceIfPresentFlag);
        writer.WriteByte((byte)DataCoding);
        writer.WriteByte(SmDefaultMsgId);
        writer.WriteByte((byte)ShortMessage.Length);
        writer.WriteOctets(ShortMessage.Span);
        OptionalParameters.Write(ref writer);
    }

    internal static T ReadBody<T>(ref PduReader reader) where T : ShortMessagePdu, new()
    {
        var serviceType = reader.ReadCString(6, CommandStatus.InvalidServiceType, "service_type");
        var sourceTon = reader.ReadByte();
        var sourceNpi = reader.ReadByte();
        var source = reader.ReadCString(21, CommandStatus.InvalidSourceAddress, "source_addr");
        var destTon = reader.ReadByte();
        var destNpi = reader.ReadByte();
        var destination = reader.ReadCString(21, CommandStatus.InvalidDestinationAddress, "destination_addr");
        var esmClass = reader.ReadByte();
        var protocolId = reader.ReadByte();
        var priority = reader.ReadByte();
        var schedule = ReadTime(ref reader, CommandStatus.InvalidScheduledDeliveryTime, "schedule_delivery_time");
        var validity = ReadTime(ref reader, CommandStatus.InvalidValidityPeriod, "validity_period");
        var registeredDelivery = reader.ReadByte();
        var replaceIfPresent = reader.ReadByte();
        var dataCoding = reader.ReadByte();
        var defaultMsgId = reader.ReadByte();
        var smLength = reader.ReadByte();
        if (smLength > MaxShortMessageLength)
            throw new PduDecodeException(CommandStatus.InvalidMessageLength, $"sm_length {smLength} exceeds {MaxShortMessageLength}");
        var shortMessage = reader.ReadOctets(smLength).ToArray();
        return new T
        {
            ServiceType = serviceType,
            SourceAddrTon = sourceTon,
            SourceAddrNpi = sourceNpi,
            SourceAddr = source,
            DestAddrTon = destTon,
            DestAddrNpi = destNpi,
            DestinationAddr = destination,
            EsmClass = esmClass,
            ProtocolId = protocolId,
            PriorityFlag = priority,
            ScheduleDeliveryTime = schedule,
            ValidityPeriod = validity,
            RegisteredDelivery = registeredDelivery,
            ReplaceIfPresentFlag = replaceIfPresent,
            DataCoding = (DataCoding)dataCoding,
            SmDefaultMsgId = defaultMsgId,
            ShortMessage = shortMessage,
            OptionalParameters = OptionalParameters.Read(ref reader),
        };
    }

    /// <summary>SMPP times are either empty or exactly 16 characters (YYMMDDhhmmsstnnp).</summary>
    private static string ReadTime(ref PduReader reader, CommandStatus status, string field)
    {
        var value = reader.ReadCString(17, status, field);
        if (value.Length is not (0 or 16))
            throw new PduDecodeException(status, $"{field} must be empty or 16 characters, was {value.Length}");
        return value;
    }

    /// <summary>The user data: message_payload when present, else short_message.</summary>
    public ReadOnlyMemory<byte> UserData => OptionalParameters.MessagePayload ?? ShortMessage;
}
