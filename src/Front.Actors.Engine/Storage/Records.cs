using LinqToDB.Mapping;

namespace Front.Actors.Engine.Storage;

/// <summary>One outbound message: what was asked, how it is routed and priced, and where it stands now.</summary>
[Table("messages")]
public sealed class MessageRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("client_ref"), Nullable] public string? ClientRef { get; set; }
    [Column("sender"), NotNull] public string Sender { get; set; } = "";
    [Column("recipient"), NotNull] public string Recipient { get; set; } = "";
    [Column("text"), NotNull] public string Text { get; set; } = "";
    [Column("encoding"), NotNull] public string Encoding { get; set; } = "";
    [Column("segments"), NotNull] public int Segments { get; set; }
    [Column("status"), NotNull] public string Status { get; set; } = "";
    [Column("home_operator"), Nullable] public string? HomeOperator { get; set; }
    [Column("operator"), Nullable] public string? Operator { get; set; }
    [Column("bind"), Nullable] public string? Bind { get; set; }
    [Column("price_ore"), NotNull] public long PriceOre { get; set; }
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Only for the first history step: why the message was held, if it was.</summary>
    [NotColumn] public string? HoldDetail { get; set; }
}

/// <summary>The operator's id for one part of a message, stored as soon as submit_sm_resp gives it.</summary>
[Table("message_parts")]
public sealed class MessagePartRecord
{
    [Column("bind"), PrimaryKey(0), NotNull] public string Bind { get; set; } = "";
    [Column("operator_message_key"), PrimaryKey(1), NotNull] public string OperatorMessageKey { get; set; } = "";
    [Column("message_id"), NotNull] public string MessageId { get; set; } = "";
    [Column("part"), NotNull] public int Part { get; set; }
    [Column("operator_message_id"), NotNull] public string OperatorMessageId { get; set; } = "";

    /// <summary>When the operator accepted the part (submit_sm_resp).</summary>
    [Column("submitted_at"), Nullable] public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The part's final outcome from its receipt (delivered, undeliverable, expired, rejected); null until it comes.</summary>
    [Column("outcome"), Nullable] public string? Outcome { get; set; }
    [Column("outcome_detail"), Nullable] public string? OutcomeDetail { get; set; }
    [Column("outcome_at"), Nullable] public DateTimeOffset? OutcomeAt { get; set; }
}

/// <summary>
/// A receipt whose part is not (yet) stored: it waits here, not only in memory, and is matched when the
/// submit's part is stored; one that never matches stays for inspection.
/// </summary>
[Table("unmatched_receipts")]
public sealed class UnmatchedReceiptRecord
{
    [Column("bind"), PrimaryKey(0), NotNull] public string Bind { get; set; } = "";
    [Column("operator_message_key"), PrimaryKey(1), NotNull] public string OperatorMessageKey { get; set; } = "";
    [Column("outcome"), NotNull] public string Outcome { get; set; } = "";
    [Column("detail"), NotNull] public string Detail { get; set; } = "";
    [Column("received_at"), NotNull] public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>One step in a message's history.</summary>
[Table("message_status_history")]
public sealed class StatusHistoryRecord
{
    [Column("id"), PrimaryKey, Identity] public long Id { get; set; }
    [Column("message_id"), NotNull] public string MessageId { get; set; } = "";
    [Column("status"), NotNull] public string Status { get; set; } = "";
    [Column("at"), NotNull] public DateTimeOffset At { get; set; }
    [Column("detail"), Nullable] public string? Detail { get; set; }
}

[Table("accounts")]
public sealed class AccountRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("organization"), NotNull] public string Organization { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    [Column("max_segments"), NotNull] public int MaxSegments { get; set; }
}

/// <summary>An API key, stored as its SHA-256 hash so a leaked table gives no keys away.</summary>
[Table("api_keys")]
public sealed class ApiKeyRecord
{
    [Column("key_hash"), PrimaryKey, NotNull] public string KeyHash { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The key's public name ("key_…"); keys stored before it had one get it at start-up (<see cref="ApiKeyStore.Upgrade"/>).</summary>
    [Column("id")] public string Id { get; set; } = "";
    [Column("name")] public string? Name { get; set; }
    /// <summary>Written at most once a minute per key (<c>ApiKeyUsage</c> in the host), so it is right to about a minute.</summary>
    [Column("last_used_at")] public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>The CIDR ranges the key may be used from, comma-separated as normalized; empty or null: anywhere.</summary>
    [Column("allowed_ips")] public string? AllowedIps { get; set; }
    [Column("revoked_at")] public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A held send as moderators list it, across accounts; the account entity owns the decision.</summary>
[Table("held_items")]
public sealed class HeldItemRecord
{
    [Column("item_id"), PrimaryKey, NotNull] public string ItemId { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("rule"), NotNull] public string Rule { get; set; } = "";
    [Column("details"), NotNull] public string Details { get; set; } = "";
    [Column("message_count"), NotNull] public int MessageCount { get; set; }

    /// <summary>The held messages' ids, comma-separated, so a decision can be carried out from here alone.</summary>
    [Column("message_ids"), NotNull] public string MessageIds { get; set; } = "";
    [Column("preview"), NotNull] public string Preview { get; set; } = "";
    [Column("held_at"), NotNull] public DateTimeOffset HeldAt { get; set; }
    [Column("decision"), Nullable] public string? Decision { get; set; }
    [Column("decided_by"), Nullable] public string? DecidedBy { get; set; }
    [Column("reason"), Nullable] public string? Reason { get; set; }
    [Column("decided_at"), Nullable] public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>
    /// <see cref="HeldItemKinds.Campaign"/> for a whole held campaign (the item id is the campaign's id, <c>message_count</c>
    /// its recipients, no message ids); null for held messages (added after the table: see Database.AddColumns).
    /// </summary>
    [Column("kind"), Nullable] public string? Kind { get; set; }
}

/// <summary>What a held item holds.</summary>
public static class HeldItemKinds
{
    public const string Message = "message";
    public const string Campaign = "campaign";

    public static string Of(HeldItemRecord item) => item.Kind ?? Message;
}

/// <summary>
/// A suspended account, as every node's pipeline reads it (the account entity's journal is the authority). Written
/// before the suspension is journaled and removed after the resumption is: a crash between leaves it held, never sent.
/// </summary>
[Table("account_suspensions")]
public sealed class AccountSuspensionRecord
{
    [Column("account_id"), PrimaryKey, NotNull] public string AccountId { get; set; } = "";
    [Column("moderator"), NotNull] public string Moderator { get; set; } = "";
    [Column("suspended_at"), NotNull] public DateTimeOffset SuspendedAt { get; set; }
}

/// <summary>A short or virtual number as the API lists it (the number's entity is the authority; this is its read model).</summary>
[Table("numbers")]
public sealed class NumberRecord
{
    [Column("number"), PrimaryKey, NotNull] public string Number { get; set; } = "";
    [Column("owner_account_id"), NotNull] public string OwnerAccountId { get; set; } = "";
    [Column("shared"), NotNull] public bool Shared { get; set; }
    [Column("default_reply"), Nullable] public string? DefaultReply { get; set; }
    [Column("messages_per_second"), Nullable] public int? MessagesPerSecond { get; set; }
}

/// <summary>A keyword on a number and the account it belongs to (read model of the number's entity).</summary>
[Table("keywords")]
public sealed class KeywordRecord
{
    [Column("number"), PrimaryKey(0), NotNull] public string Number { get; set; } = "";
    [Column("keyword"), PrimaryKey(1), NotNull] public string Keyword { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
}

/// <summary>A chat thread as the inbox lists it (read model of its conversation entity).</summary>
[Table("conversations")]
public sealed class ConversationRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("our_number"), NotNull] public string OurNumber { get; set; } = "";
    [Column("contact"), NotNull] public string Contact { get; set; } = "";
    [Column("unread"), NotNull] public int Unread { get; set; }
    [Column("assigned_to"), Nullable] public string? AssignedTo { get; set; }
    [Column("closed"), NotNull] public bool Closed { get; set; }
    [Column("opted_out"), NotNull] public bool OptedOut { get; set; }
    [Column("last_message"), Nullable] public string? LastMessage { get; set; }
    [Column("last_message_at"), Nullable] public DateTimeOffset? LastMessageAt { get; set; }

    /// <summary>The sequence number of the last journaled event this row shows: an event at or below it is applied already.</summary>
    [Column("applied_seq"), NotNull] public long AppliedSequenceNr { get; set; }
}

/// <summary>One message in a thread; an outbound one refers to its message (whose status lives in <c>messages</c>).</summary>
[Table("conversation_messages")]
public sealed class ConversationMessageRecord
{
    [Column("position"), PrimaryKey, Identity] public long Position { get; set; }
    [Column("conversation_id"), NotNull] public string ConversationId { get; set; } = "";
    [Column("message_id"), NotNull] public string MessageId { get; set; } = "";
    [Column("direction"), NotNull] public string Direction { get; set; } = "";
    [Column("text"), NotNull] public string Text { get; set; } = "";
    [Column("author"), Nullable] public string? Author { get; set; }
    [Column("keyword"), Nullable] public string? Keyword { get; set; }
    [Column("at"), NotNull] public DateTimeOffset At { get; set; }
}

/// <summary>
/// The inbox's feed, per account: every change agents see live, numbered, so a client that reconnects asks
/// for what came after the last position it saw instead of missing it.
/// </summary>
[Table("inbox_events")]
public sealed class InboxEventRecord
{
    [Column("position"), PrimaryKey, Identity] public long Position { get; set; }
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("conversation_id"), NotNull] public string ConversationId { get; set; } = "";
    [Column("kind"), NotNull] public string Kind { get; set; } = "";
    [Column("payload"), NotNull] public string Payload { get; set; } = "";
    [Column("at"), NotNull] public DateTimeOffset At { get; set; }
}

/// <summary>A contact that opted out of messages from one of an account's numbers; outbound admission asks here.</summary>
[Table("opt_outs")]
public sealed class OptOutRecord
{
    [Column("account_id"), PrimaryKey(0), NotNull] public string AccountId { get; set; } = "";
    [Column("our_number"), PrimaryKey(1), NotNull] public string OurNumber { get; set; } = "";
    [Column("contact"), PrimaryKey(2), NotNull] public string Contact { get; set; } = "";
    [Column("word"), NotNull] public string Word { get; set; } = "";
    [Column("at"), NotNull] public DateTimeOffset At { get; set; }
}

/// <summary>
/// One deliver_sm from a contact, stored before the operator is answered. The parts of a long message are
/// joined from here (not from memory), and a part delivered again (same operator, contact, number and
/// concatenation reference, or the same operator message id) finds its <see cref="DedupKey"/> taken and is
/// acknowledged without being shown twice. <see cref="MessageId"/> is set once the message is in its thread
/// and its rules' work is recorded; rows without it are carried on after a restart.
/// </summary>
[Table("inbound_parts")]
public sealed class InboundPartRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("bind"), NotNull] public string Bind { get; set; } = "";
    [Column("source"), NotNull] public string Source { get; set; } = "";
    [Column("destination"), NotNull] public string Destination { get; set; } = "";
    [Column("text"), NotNull] public string Text { get; set; } = "";
    [Column("reference"), Nullable] public int? Reference { get; set; }
    [Column("total"), NotNull] public int Total { get; set; }
    [Column("sequence"), NotNull] public int Sequence { get; set; }
    [Column("dedup_key"), Nullable] public string? DedupKey { get; set; }
    [Column("received_at"), NotNull] public DateTimeOffset ReceivedAt { get; set; }
    [Column("message_id"), Nullable] public string? MessageId { get; set; }
}

/// <summary>An inbound message that could not be routed (unknown number, unreadable text): kept, never dropped.</summary>
[Table("unrouted_inbound")]
public sealed class UnroutedInboundRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("from_number"), NotNull] public string From { get; set; } = "";
    [Column("to_number"), NotNull] public string To { get; set; } = "";
    [Column("text"), NotNull] public string Text { get; set; } = "";
    [Column("reason"), NotNull] public string Reason { get; set; } = "";
    [Column("bind"), NotNull] public string Bind { get; set; } = "";
    [Column("at"), NotNull] public DateTimeOffset At { get; set; }
}

/// <summary>A person who answers conversations for an account; signs in with a user name and password.</summary>
[Table("agents")]
public sealed class AgentRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("user_name"), NotNull] public string UserName { get; set; } = "";
    [Column("display_name"), NotNull] public string DisplayName { get; set; } = "";
    [Column("password_hash"), NotNull] public string PasswordHash { get; set; } = "";
}

/// <summary>A signed-in agent's session: the token's hash and when it expires.</summary>
[Table("agent_sessions")]
public sealed class AgentSessionRecord
{
    [Column("token_hash"), PrimaryKey, NotNull] public string TokenHash { get; set; } = "";
    [Column("agent_id"), NotNull] public string AgentId { get; set; } = "";
    [Column("expires_at"), NotNull] public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A webhook call for an inbound message and how it went, so failures are visible to the customer.</summary>
[Table("webhook_deliveries")]
public sealed class WebhookDeliveryRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("url"), NotNull] public string Url { get; set; } = "";
    [Column("status"), NotNull] public string Status { get; set; } = "";
    [Column("attempts"), NotNull] public int Attempts { get; set; }
    [Column("last_error"), Nullable] public string? LastError { get; set; }
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The JSON sent, kept so that a delivery still pending at a restart is resumed (the secret is not stored here).</summary>
    [Column("body"), NotNull] public string Body { get; set; } = "";
}

/// <summary>An account an agent may work in besides its own (granted by the provider).</summary>
[Table("agent_accounts")]
public sealed class AgentAccountRecord
{
    [Column("agent_id"), PrimaryKey(0), NotNull] public string AgentId { get; set; } = "";
    [Column("account_id"), PrimaryKey(1), NotNull] public string AccountId { get; set; } = "";
}

/// <summary>
/// A sender name the provider protects (a bank, a public body, the provider itself): only the accounts listed may send
/// from it (or anything that reads the same). This table is the list's one truth; moderators keep it.
/// </summary>
[Table("protected_senders")]
public sealed class ProtectedSenderRecord
{
    [Column("canonical"), PrimaryKey, NotNull] public string Canonical { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    /// <summary>The accounts that may use the name, comma-separated (empty: none).</summary>
    [Column("account_ids"), NotNull] public string AccountIds { get; set; } = "";
    [Column("added_by"), NotNull] public string AddedBy { get; set; } = "";
    [Column("added_at"), NotNull] public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// Which account texted which contact from which shared number, and when first and last: a bare STOPP to a shared
/// number opts the contact out of every account found here. Written before the messages are stored.
/// </summary>
[Table("sender_contacts")]
public sealed class SenderContactRecord
{
    [Column("account_id"), PrimaryKey(0), NotNull] public string AccountId { get; set; } = "";
    [Column("our_number"), PrimaryKey(1), NotNull] public string OurNumber { get; set; } = "";
    [Column("contact"), PrimaryKey(2), NotNull] public string Contact { get; set; } = "";
    [Column("first_at"), NotNull] public DateTimeOffset FirstAt { get; set; }
    [Column("last_at"), NotNull] public DateTimeOffset LastAt { get; set; }
}

/// <summary>
/// How far a projection has followed the journal (its ordering), stored in the same transaction as the rows it wrote,
/// so a restart goes on from exactly there. Not an account's data: one row per projection.
/// </summary>
[Table("projection_offsets")]
public sealed class ProjectionOffsetRecord
{
    [Column("name"), PrimaryKey, NotNull] public string Name { get; set; } = "";
    [Column("journal_offset"), NotNull] public long Offset { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The sequence number of the last journaled event an entity's read-model rows show, for read models whose rows cannot
/// hold it (a number's rows come and go): an event at or below it is applied already.
/// </summary>
[Table("entity_applied_seq")]
public sealed class EntityAppliedRecord
{
    [Column("persistence_id"), PrimaryKey, NotNull] public string PersistenceId { get; set; } = "";
    [Column("applied_seq"), NotNull] public long AppliedSequenceNr { get; set; }
}
