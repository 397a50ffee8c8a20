namespace Front.Actors.Smpp.Receipts;

/// <summary>How an SMSC writes a message id in one place (the submit_sm_resp or the receipt); set per bind.</summary>
public enum MessageIdFormat
{
    /// <summary>An opaque string: compared without case, surrounding spaces or leading zeros.</summary>
    AsIs,

    /// <summary>A number in hexadecimal.</summary>
    Hex,

    /// <summary>A number in decimal.</summary>
    Decimal,
}
