namespace Front.Actors.Smpp.Esme;

/// <summary>Where the session's link to the SMSC stands.</summary>
public enum LinkState
{
    Disconnected,
    Connecting,
    Binding,
    Bound,
    Unbinding,
    Stopped,
}
