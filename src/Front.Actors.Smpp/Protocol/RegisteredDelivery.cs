namespace Front.Actors.Smpp.Protocol;

/// <summary>Values of registered_delivery (SMPP 3.4 section 5.2.17) that Front.Actors uses.</summary>
public static class RegisteredDelivery
{
    public const byte None = 0x00;

    /// <summary>An SMSC delivery receipt on final outcome, success or failure.</summary>
    public const byte OnFinalOutcome = 0x01;

    /// <summary>An SMSC delivery receipt on failure only.</summary>
    public const byte OnFailure = 0x02;
}
