namespace Front.Actors.Smpp.Receipts;

/// <summary>Maps a receipt's stat: word to the message_state it stands for.</summary>
public static class MessageStates
{
    /// <summary>
    /// The state a stat: word stands for, in any case; the spelled-out words some SMSCs use count too, and a
    /// word nobody defined is <see cref="MessageState.Unknown"/>.
    /// </summary>
    public static MessageState FromStat(string stat) => stat.Trim().ToUpperInvariant() switch
    {
        "DELIVRD" or "DELIVERED" => MessageState.Delivered,
        "EXPIRED" => MessageState.Expired,
        "DELETED" => MessageState.Deleted,
        "UNDELIV" or "UNDELIVERABLE" or "UNDELIVERED" => MessageState.Undeliverable,
        "ACCEPTD" or "ACCEPTED" => MessageState.Accepted,
        "REJECTD" or "REJECTED" => MessageState.Rejected,
        "ENROUTE" => MessageState.Enroute,
        _ => MessageState.Unknown,
    };

    /// <summary>The stat: word an SMSC writes for a state.</summary>
    public static string ToStat(MessageState state) => state switch
    {
        MessageState.Delivered => "DELIVRD",
        MessageState.Expired => "EXPIRED",
        MessageState.Deleted => "DELETED",
        MessageState.Undeliverable => "UNDELIV",
        MessageState.Accepted => "ACCEPTD",
        MessageState.Rejected => "REJECTD",
        MessageState.Enroute => "ENROUTE",
        _ => "UNKNOWN",
    };

    /// <summary>True for the states after which nothing more will happen to the message.</summary>
    public static bool IsFinal(MessageState state) => state is not (MessageState.Enroute or MessageState.Accepted or MessageState.Unknown);
}
