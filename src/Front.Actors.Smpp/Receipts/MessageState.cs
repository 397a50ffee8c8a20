namespace Front.Actors.Smpp.Receipts;

/// <summary>The message_state TLV values (SMPP 3.4 section 5.2.28), also what a receipt's stat: field names.</summary>
public enum MessageState : byte
{
    Enroute = 1,
    Delivered = 2,
    Expired = 3,
    Deleted = 4,
    Undeliverable = 5,
    Accepted = 6,
    Unknown = 7,
    Rejected = 8,
}
