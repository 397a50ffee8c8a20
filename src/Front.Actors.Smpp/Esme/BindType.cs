namespace Front.Actors.Smpp.Esme;

/// <summary>Which bind the session asks for: transceiver carries both directions on one link.</summary>
public enum BindType
{
    Transceiver,
    Transmitter,
    Receiver,
}
