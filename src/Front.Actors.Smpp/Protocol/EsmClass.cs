namespace Front.Actors.Smpp.Protocol;

/// <summary>Bits of esm_class (SMPP 3.4 section 5.2.12) that Front.Actors reads and sets.</summary>
public static class EsmClass
{
    /// <summary>Bits 7..6 = 01: short_message starts with a User Data Header (concatenation and the like).</summary>
    public const byte UdhIndicator = 0x40;

    /// <summary>Bits 5..2 = 0001 in deliver_sm: the message is an SMSC delivery receipt.</summary>
    public const byte DeliveryReceipt = 0x04;

    /// <summary>Bits 5..2 = 0010 in deliver_sm: an SME delivery acknowledgement.</summary>
    public const byte DeliveryAcknowledgement = 0x08;

    /// <summary>Bits 5..2 = 1000 in deliver_sm: an intermediate delivery notification.</summary>
    public const byte IntermediateNotification = 0x20;

    private const byte MessageTypeMask = 0x3C;

    public static bool HasUdh(byte esmClass) => (esmClass & UdhIndicator) != 0;

    /// <summary>True when a deliver_sm carries a receipt or notification rather than a mobile-originated message.</summary>
    public static bool IsReceipt(byte esmClass) => (esmClass & MessageTypeMask) is DeliveryReceipt or IntermediateNotification or DeliveryAcknowledgement;
}
