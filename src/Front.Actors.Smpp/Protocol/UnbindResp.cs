namespace Front.Actors.Smpp.Protocol;

/// <summary>unbind_resp (SMPP 3.4 section 4.2.2).</summary>
public sealed record UnbindResp : HeaderOnlyResponse
{
    public override CommandId CommandId => CommandId.UnbindResp;
}
