using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Protocol;

/// <summary>
/// An SMPP 3.4 PDU: the 16-octet header (command_length, command_id, command_status,
/// sequence_number) and a body that each concrete type reads and writes itself.
/// </summary>
public abstract record Pdu
{
    public const int HeaderSize = 16;

    public abstract CommandId CommandId { get; }

    private uint _sequenceNumber;
    private CommandStatus _status;

    public uint SequenceNumber { get => _sequenceNumber; init => _sequenceNumber = value; }

    /// <summary>command_status: always 0 in requests, the outcome in responses.</summary>
    public CommandStatus Status { get => _status; init => _status = value; }

    /// <summary>
    /// For the decoder only, on a PDU it has just created and not yet handed out: sets the header fields read before
    /// the body, instead of copying the whole record with <c>with</c>.
    /// </summary>
    internal void SetHeader(uint sequenceNumber, CommandStatus status)
    {
        _sequenceNumber = sequenceNumber;
        _status = status;
    }

    internal abstract int BodySize { get; }

    internal abstract void WriteBody(ref PduWriter writer);
}

/// <summary>A PDU that expects a response with the same sequence number.</summary>
public abstract record RequestPdu : Pdu
{
    /// <summary>The response to this request with the given status; bodies of failed responses are empty.</summary>
    public abstract ResponsePdu CreateResponse(CommandStatus status = CommandStatus.Ok);
}

/// <summary>A PDU that answers a request (bit 31 of the command_id set).</summary>
public abstract record ResponsePdu : Pdu;

/// <summary>A PDU that has a header and nothing else.</summary>
public abstract record HeaderOnlyRequest : RequestPdu
{
    internal override int BodySize => 0;
    internal override void WriteBody(ref PduWriter writer) { }
}

/// <summary>A response that has a header and nothing else.</summary>
public abstract record HeaderOnlyResponse : ResponsePdu
{
    internal override int BodySize => 0;
    internal override void WriteBody(ref PduWriter writer) { }
}
