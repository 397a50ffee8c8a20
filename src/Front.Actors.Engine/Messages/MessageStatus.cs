namespace Front.Actors.Engine.Messages;

/// <summary>Where a message stands, as the API shows it (lower case on the wire).</summary>
public enum MessageStatus
{
    Accepted,
    /// <summary>Waiting for a moderator under the misuse rules; nothing leaves before an approval is stored.</summary>
    Held,
    Queued,
    Submitted,
    Delivered,
    Undeliverable,
    Expired,
    Rejected,
}

public static class MessageStatusNames
{
    public static string ToWire(this MessageStatus status) => status.ToString().ToLowerInvariant();

    public static MessageStatus FromWire(string value) => Enum.Parse<MessageStatus>(value, ignoreCase: true);

    public static bool IsFinal(this MessageStatus status) =>
        status is MessageStatus.Delivered or MessageStatus.Undeliverable or MessageStatus.Expired or MessageStatus.Rejected;
}
