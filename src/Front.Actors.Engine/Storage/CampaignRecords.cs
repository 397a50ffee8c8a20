using LinqToDB.Mapping;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// A campaign as lists show it, following its entity's journal (<c>applied_seq</c>: the sequence number of the last event
/// the row shows, so a late writer never moves it back). The entity is the truth; this is for listing and for waking
/// campaigns after a restart.
/// </summary>
[Table("campaigns")]
public sealed class CampaignRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    [Column("status"), NotNull] public string Status { get; set; } = "";
    [Column("total"), NotNull] public long Total { get; set; }
    [Column("skipped"), NotNull] public long Skipped { get; set; }
    [Column("applied_seq"), NotNull] public long AppliedSeq { get; set; }
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One recipient of a campaign's audience snapshot, numbered by <c>seq</c> in audience order. <c>state</c> is
/// <c>pending</c> until the engine has accepted its message (<c>sent</c>, with <c>message_id</c>) or refused it
/// (<c>failed</c>, with <c>detail</c>), or <c>skipped</c> with <c>skip_reason</c>. <c>text</c> is set only when the
/// campaign's text has merge fields (rendered for this contact at the snapshot).
/// </summary>
[Table("campaign_recipients")]
public sealed class CampaignRecipientRecord
{
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("campaign_id"), PrimaryKey(0), NotNull] public string CampaignId { get; set; } = "";
    [Column("seq"), PrimaryKey(1), NotNull] public long Seq { get; set; }
    [Column("number"), NotNull] public string Number { get; set; } = "";
    [Column("contact_id"), Nullable] public string? ContactId { get; set; }
    [Column("text"), Nullable] public string? Text { get; set; }
    [Column("state"), NotNull] public string State { get; set; } = "";
    [Column("skip_reason"), Nullable] public string? SkipReason { get; set; }
    [Column("detail"), Nullable] public string? Detail { get; set; }
    [Column("message_id"), Nullable] public string? MessageId { get; set; }
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One number of a campaign's own list (<c>numbers</c> in the API), as given, at its 1-based <c>position</c>; written once
/// when the campaign is created, read by the snapshot after the groups' contacts.
/// </summary>
[Table("campaign_list_numbers")]
public sealed class CampaignListNumberRecord
{
    [Column("campaign_id"), PrimaryKey(0), NotNull] public string CampaignId { get; set; } = "";
    [Column("position"), PrimaryKey(1), NotNull] public int Position { get; set; }
    [Column("number"), NotNull] public string Number { get; set; } = "";
    /// <summary>Null only in rows written before the column was added.</summary>
    [Column("account_id"), Nullable] public string? AccountId { get; set; }
    [Column("created_at"), Nullable] public DateTimeOffset? CreatedAt { get; set; }
}

/// <summary>An account's campaign settings: maker/checker, and how often one contact may get a campaign.</summary>
[Table("campaign_settings")]
public sealed class CampaignSettingsRecord
{
    [Column("account_id"), PrimaryKey, NotNull] public string AccountId { get; set; } = "";
    [Column("require_approval"), NotNull] public bool RequireApproval { get; set; }
    /// <summary>Minutes; null: no frequency limit. An account without a row has the default (one a day).</summary>
    [Column("frequency_minutes"), Nullable] public int? FrequencyMinutes { get; set; }
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Recipient states in <c>campaign_recipients</c>.</summary>
public static class RecipientStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
