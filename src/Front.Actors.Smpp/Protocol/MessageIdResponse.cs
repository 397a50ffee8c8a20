using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Protocol;

/// <summary>The body submit_sm_resp and deliver_sm_resp share: one message_id of at most 64 characters.</summary>
public abstract record MessageIdResponse : ResponsePdu
{
    public string MessageId { get; init; } = "";

    /// <summary>Whether a failed response still carries its (empty) body.</summary>
    private protected abstract bool BodyOnError { get; }

    internal override int BodySize => Status != CommandStatus.Ok && !BodyOnError ? 0 : CString.SizeOf(MessageId);

    internal override void WriteBody(ref PduWriter writer)
    {
        if (Status != CommandStatus.Ok && !BodyOnError)
            return;
        CString.EnsureFits(MessageId, 65, "message_id");
        writer.WriteCString(MessageId);
    }

    // Peers differ in whether a failed response has a body; accept both.
    internal static T ReadBody<T>(ref PduReader reader) where T : MessageIdResponse, new() =>
        reader.Remaining == 0
            ? new T()
            : new T { MessageId = reader.ReadCString(65, CommandStatus.InvalidMessageId, "message_id") };
}
