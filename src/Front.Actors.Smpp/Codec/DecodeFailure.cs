using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Codec;

/// <summary>
/// Why a frame could not become a PDU, with what was read of its header so the peer can be answered.
/// <see cref="LinkUnusable"/> is set when the byte stream can no longer be framed (a command_length
/// that cannot be true): the link must be closed after the answer.
/// </summary>
public sealed record DecodeFailure(uint RawCommandId, uint SequenceNumber, CommandStatus Status, string Reason, bool LinkUnusable = false)
{
    public bool IsResponse => (RawCommandId & 0x80000000) != 0;

    /// <summary>
    /// The PDU to send back: the matching response with the error status when the request was known and
    /// its body held a bad field, generic_nack otherwise (bad length, unknown command, malformed response).
    /// </summary>
    public ResponsePdu Answer
    {
        get
        {
            var lengthOrHeader = Status is CommandStatus.InvalidCommandLength or CommandStatus.InvalidCommandId;
            if (!IsResponse && !lengthOrHeader && PduCodec.CreateEmpty((CommandId)RawCommandId) is RequestPdu request)
                return request.CreateResponse(Status) with { SequenceNumber = SequenceNumber };
            return new GenericNack { SequenceNumber = SequenceNumber, Status = Status };
        }
    }

    public override string ToString() =>
        $"command 0x{RawCommandId:X8} seq {SequenceNumber}: {Status.ToSmppName()} ({Reason}){(LinkUnusable ? ", link unusable" : "")}";
}
