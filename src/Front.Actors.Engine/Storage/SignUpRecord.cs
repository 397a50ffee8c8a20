using LinqToDB.Mapping;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// A contact's consent, kept as evidence: one row per sign-up by SMS, saying when and how they joined a group (the
/// inbound message's time, our number, the keyword and the text they sent, the message's id) and, once they said STOPP
/// to the account, when and how they left. The id is the rule's work id (the inbound message id and the rule's place),
/// so carrying the rule out again after a crash finds the row and changes nothing.
/// </summary>
[Table("sign_ups")]
public sealed class SignUpRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("group_id"), NotNull] public string GroupId { get; set; } = "";
    [Column("contact_id"), NotNull] public string ContactId { get; set; } = "";
    /// <summary>The contact's number, E.164.</summary>
    [Column("number"), NotNull] public string Number { get; set; } = "";
    /// <summary>Our number they texted (a short number such as 2401, or a virtual number in E.164).</summary>
    [Column("our_number"), NotNull] public string OurNumber { get; set; } = "";
    [Column("keyword")] public string? Keyword { get; set; }
    [Column("sub_keyword")] public string? SubKeyword { get; set; }
    /// <summary>The whole text they sent, as received.</summary>
    [Column("text"), NotNull] public string Text { get; set; } = "";
    [Column("message_id"), NotNull] public string MessageId { get; set; } = "";
    [Column("joined_at"), NotNull] public DateTimeOffset JoinedAt { get; set; }
    [Column("left_at")] public DateTimeOffset? LeftAt { get; set; }
    [Column("left_our_number")] public string? LeftOurNumber { get; set; }
    [Column("left_text")] public string? LeftText { get; set; }
    [Column("left_message_id")] public string? LeftMessageId { get; set; }
}
