namespace Front.Actors.Smpp.Protocol;

/// <summary>
/// The network_error_code TLV: the network type (1 = ANSI-136, 2 = IS-95, 3 = GSM, ...) and the
/// network's own error code, which operators put in receipts of failed messages.
/// </summary>
public readonly record struct NetworkErrorCode(byte NetworkType, ushort ErrorCode)
{
    public override string ToString() => $"{NetworkType}:{ErrorCode}";
}
