namespace Front.Actors.Smpp.Protocol;

/// <summary>enquire_link_resp (SMPP 3.4 section 4.11.2).</summary>
public sealed record EnquireLinkResp : HeaderOnlyResponse
{
    public override CommandId CommandId => CommandId.EnquireLinkResp;
}
