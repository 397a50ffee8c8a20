namespace Front.Actors.Engine.Inbound;

/// <summary>A webhook's host resolved only to addresses the address policy refuses; nothing was connected.</summary>
public sealed class WebhookAddressRefusedException(string host, string reason)
    : Exception($"{host}: {reason}")
{
    public string Host { get; } = host;
}
