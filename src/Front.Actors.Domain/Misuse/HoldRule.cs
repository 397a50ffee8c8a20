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
}

public static class HoldRuleNames
{
    public static string ToWire(this HoldRule rule) => rule switch
    {
        HoldRule.UnapprovedLink => "unapproved-link",
        HoldRule.BulkSend => "bulk-send",
        HoldRule.MonthlyLimit => "monthly-limit",
        _ => "suspended",
    };

    public static HoldRule? FromWire(string? value) => value switch
    {
        "unapproved-link" => HoldRule.UnapprovedLink,
        "bulk-send" => HoldRule.BulkSend,
        "monthly-limit" => HoldRule.MonthlyLimit,
        "suspended" => HoldRule.Suspended,
        _ => null,
    };
}
