namespace Front.Actors.Smpp.Protocol;

/// <summary>
/// generic_nack: the answer to a PDU whose header could not be accepted (bad command_length, unknown
/// command_id), carrying its sequence number when it could be read (SMPP 3.4 section 4.3.1).
/// </summary>
public sealed record GenericNack : HeaderOnlyResponse
{
    public override CommandId CommandId => CommandId.GenericNack;
}
