namespace Front.Actors.Domain.Misuse;

/// <summary>Why a send is held for a moderator (names as the API shows them).</summary>
public enum HoldRule
{
    /// <summary>A link to a domain the account has not had approved.</summary>
    UnapprovedLink,

    /// <summary>More recipients in one send than the account's bulk threshold.</summary>
    BulkSend,

    /// <summary>The month's segments would pass the account's limit.</summary>
    MonthlyLimit,

    /// <summary>A moderator suspended the account.</summary>
    Suspended,

    /// <summary>An alphanumeric sender name not registered to the account; approving it registers the name.</summary>
    UnregisteredSender,
}

public static class HoldRuleNames
{
    public static string ToWire(this HoldRule rule) => rule switch
    {
        HoldRule.UnapprovedLink => "unapproved-link",
        HoldRule.BulkSend => "bulk-send",
        HoldRule.MonthlyLimit => "monthly-limit",
        HoldRule.UnregisteredSender => "unregistered-sender",
        _ => "suspended",
    };

    public static HoldRule? FromWire(string? value) => value switch
    {
        "unapproved-link" => HoldRule.UnapprovedLink,
        "bulk-send" => HoldRule.BulkSend,
        "monthly-limit" => HoldRule.MonthlyLimit,
        "suspended" => HoldRule.Suspended,
        "unregistered-sender" => HoldRule.UnregisteredSender,
        _ => null,
    };
}
