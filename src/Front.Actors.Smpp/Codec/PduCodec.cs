using System.Buffers.Binary;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Codec;

/// <summary>Encodes PDUs to their wire form and decodes whole frames (header included) back.</summary>
public static class PduCodec
{
    /// <summary>The largest PDU accepted by default: room for a 64 KiB message_payload is not needed in SMS traffic.</summary>
    public const int DefaultMaxPduSize = 64 * 1024;

    public static int SizeOf(Pdu pdu) => Pdu.HeaderSize + pdu.BodySize;

    public static byte[] Encode(Pdu pdu)
    {
        var buffer = new byte[SizeOf(pdu)];
        Encode(pdu, buffer);
        return buffer;
    }

    /// <summary>Writes the PDU into <paramref name="destination"/> and returns the octets written.</summary>
    public static int Encode(Pdu pdu, Span<byte> destination)
    {
        var size = SizeOf(pdu);
        if (destination.Length < size)
            throw new ArgumentException($"{size} octets needed, {destination.Length} given", nameof(destination));
        var writer = new PduWriter(destination[..size]);
        writer.WriteUInt32((uint)size);
        writer.WriteUInt32((uint)pdu.CommandId);
        writer.WriteUInt32((uint)pdu.Status);
        writer.WriteUInt32(pdu.SequenceNumber);
        pdu.WriteBody(ref writer);
        if (writer.Position != size)
            throw new InvalidOperationException($"{pdu.CommandId} wrote {writer.Position} octets, sized {size}");
        return size;
    }

    /// <summary>Decodes one frame whose first four octets are its command_length.</summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < Pdu.HeaderSize)
            return DecodeResult.Failed(new DecodeFailure(0, 0, CommandStatus.InvalidCommandLength, $"frame of {frame.Length} octets is shorter than the header", LinkUnusable: true));

        var length = BinaryPrimitives.ReadUInt32BigEndian(frame);
        var rawId = BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
        var status = (CommandStatus)BinaryPrimitives.ReadUInt32BigEndian(frame[8..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(frame[12..]);
        if (length != frame.Length)
            return DecodeResult.Failed(new DecodeFailure(rawId, sequence, CommandStatus.InvalidCommandLength, $"command_length {length} but frame has {frame.Length} octets", LinkUnusable: true));

        try
        {
            var reader = new PduReader(frame[Pdu.HeaderSize..]);
            var pdu = ReadBody((CommandId)rawId, ref reader);
            if (pdu is null)
                return DecodeResult.Failed(new DecodeFailure(rawId, sequence, CommandStatus.InvalidCommandId, $"unsupported command_id 0x{rawId:X8}"));
            // Requests must be exact; trailing octets after a response body are tolerated (some SMSCs pad).
            if (reader.Remaining != 0 && (rawId & 0x80000000) == 0)
                throw new PduDecodeException(CommandStatus.InvalidCommandLength, $"{reader.Remaining} octets after the body");
            pdu.SetHeader(sequence, status);
            return DecodeResult.Success(pdu);
        }
        catch (PduDecodeException e)
        {
            return DecodeResult.Failed(new DecodeFailure(rawId, sequence, e.Status, e.Message));
        }
    }

    // One allocation per decoded PDU: the PDU itself (no empty instance to dispatch on, no copy to set the header).
    private static Pdu? ReadBody(CommandId id, ref PduReader reader) => id switch
    {
        CommandId.BindTransmitter => BindRequest.ReadBody<BindTransmitter>(ref reader),
        CommandId.BindReceiver => BindRequest.ReadBody<BindReceiver>(ref reader),
        CommandId.BindTransceiver => BindRequest.ReadBody<BindTransceiver>(ref reader),
        CommandId.BindTransmitterResp => BindResponse.ReadBody<BindTransmitterResp>(ref reader),
        CommandId.BindReceiverResp => BindResponse.ReadBody<BindReceiverResp>(ref reader),
        CommandId.BindTransceiverResp => BindResponse.ReadBody<BindTransceiverResp>(ref reader),
        CommandId.SubmitSm => ShortMessagePdu.ReadBody<SubmitSm>(ref reader),
        CommandId.DeliverSm => ShortMessagePdu.ReadBody<DeliverSm>(ref reader),
        CommandId.SubmitSmResp => MessageIdResponse.ReadBody<SubmitSmResp>(ref reader),
        CommandId.DeliverSmResp => MessageIdResponse.ReadBody<DeliverSmResp>(ref reader),
        _ => CreateEmpty(id), // header-only PDUs, or null for a command this library does not implement
    };

    /// <summary>An empty PDU of the given command, or null for a command this library does not implement.</summary>
    internal static Pdu? CreateEmpty(CommandId id) => id switch
    {
        CommandId.BindTransmitter => new BindTransmitter(),
        CommandId.BindTransmitterResp => new BindTransmitterResp(),
        CommandId.BindReceiver => new BindReceiver(),
        CommandId.BindReceiverResp => new BindReceiverResp(),
        CommandId.BindTransceiver => new BindTransceiver(),
        CommandId.BindTransceiverResp => new BindTransceiverResp(),
        CommandId.SubmitSm => new SubmitSm(),
        CommandId.SubmitSmResp => new SubmitSmResp(),
        CommandId.DeliverSm => new DeliverSm(),
        CommandId.DeliverSmResp => new DeliverSmResp(),
        CommandId.EnquireLink => new EnquireLink(),
        CommandId.EnquireLinkResp => new EnquireLinkResp(),
        CommandId.Unbind => new Unbind(),
        CommandId.UnbindResp => new UnbindResp(),
        CommandId.GenericNack => new GenericNack(),
        _ => null,
    };
}
