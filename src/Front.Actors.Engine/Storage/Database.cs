using System.Runtime.CompilerServices;
using LinqToDB;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;

namespace Front.Actors.Engine.Storage;

/// <summary>Opens connections to the read-model database and creates its tables on first start.</summary>
public sealed class Database(StorageOptions options)
{
    private readonly DataOptions _options = DataOptionsFor(options, options.EffectiveConnectionString);

    /// <summary>
    /// SQLite in WAL mode with synchronous=NORMAL: a commit is safe from a process crash (kill -9) once it
    /// returns, at the price of the last commits on an OS crash or power loss. PostgreSQL is the store for
    /// deployments that must survive those. The busy timeout lets concurrent writers queue instead of fail.
    /// Checkpoints are <see cref="SqliteCheckpointer"/>'s work, off the writers' path: a writer does one itself only
    /// when the log passes 10,000 pages (about 40 MB; SQLite's default is 1,000).
    /// </summary>
    public static DataOptions DataOptionsFor(StorageOptions options, string connectionString)
    {
        var data = new DataOptions().UseConnectionString(options.ProviderName, connectionString);
        if (options.Provider != StorageProvider.Sqlite)
            return data;
        return data.UseAfterConnectionOpened(
            connection =>
            {
                if (!NeedsSettings(connection))
                    return;
                using var command = connection.CreateCommand();
                command.CommandText = SqliteSettings;
                command.ExecuteNonQuery();
                Remember(connection);
            },
            async (connection, ct) =>
            {
                if (!NeedsSettings(connection))
                    return;
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteSettings;
                await command.ExecuteNonQueryAsync(ct);
                Remember(connection);
            });
    }

    private const string SqliteSettings = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=10000;";

    /// <summary>
    /// The SQLite connections (native handles) given their settings already. They are connection settings, kept while
    /// the pool keeps the connection open, so they are run once per connection, not on every open: three statements
    /// prepared and run per open were a twentieth of the host's allocations at 1,000 inbound messages a second.
    /// </summary>
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    private static readonly object Done = new();

    private static void Remember(System.Data.Common.DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
            Configured.AddOrUpdate(handle, Done);
    }

    private static bool NeedsSettings(System.Data.Common.DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Configured.TryGetValue(handle, out _);

    public StorageOptions Options { get; } = options;

    public DataConnection Open() => new(_options);

    /// <summary>
    /// SQLite lets one transaction write at a time and makes the others sleep and try again (up to 100 ms a try),
    /// which showed as 100 ms stalls in the status writer. The engine's writers queue here instead, in order and
    /// without sleeping. PostgreSQL needs no gate.
    /// </summary>
    private readonly SemaphoreSlim? _writeGate = options.Provider == StorageProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for this process's turn to write (SQLite); dispose the result when the transaction is done.</summary>
    public async ValueTask<WriteTurn> WriteTurnAsync(CancellationToken ct = default)
    {
        if (_writeGate is not null)
            await _writeGate.WaitAsync(ct);
        return new WriteTurn(_writeGate);
    }

    public readonly struct WriteTurn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }

    public void EnsureCreated()
    {
        if (Options.Provider == StorageProvider.Sqlite)
            EnsureSqliteDirectory();
        using var db = Open();
        if (Options.Provider == StorageProvider.Sqlite)
            db.Execute("PRAGMA journal_mode=WAL;"); // readers do not block the writer
        db.CreateTable<MessageRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<MessagePartRecord>(tableOptions: TableOptions.CreateIfNotExists);
        AddPartOutcomeColumns(db);
        db.CreateTable<UnmatchedReceiptRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<StatusHistoryRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<AccountRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<AuditRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<ApiKeyRecord>(tableOptions: TableOptions.CreateIfNotExists);
        ApiKeyStore.Upgrade(db, Options.Provider);
        db.CreateTable<HeldItemRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<AccountSuspensionRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<NumberRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<KeywordRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<ConversationRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<ConversationMessageRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<InboxEventRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<OptOutRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<ProjectionOffsetRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<EntityAppliedRecord>(tableOptions: TableOptions.CreateIfNotExists);
        AddAppliedSequenceColumn(db);
        db.CreateTable<UnroutedInboundRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<InboundPartRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<AgentRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<AgentSessionRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<AgentAccountRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<WebhookDeliveryRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<OrganizationRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<OrganizationAccountRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<UserRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<UserRoleRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<SessionRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<OrganizationSecurityRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<SignInChallengeRecord>(tableOptions: TableOptions.CreateIfNotExists);
        AddColumns(db, "users", ("mobile", "TEXT"));
        AddColumns(db, "audit_log", ("organization_id", "TEXT"));
        AddColumns(db, "held_items", ("kind", "TEXT"));
        db.CreateTable<ProtectedSenderRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<SenderContactRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<ContactRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<ContactGroupRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<ContactGroupMemberRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<ContactFieldNameRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<TemplateRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<SignUpRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<CampaignRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<CampaignRecipientRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<CampaignSettingsRecord>(tableOptions: TableOptions.CreateIfNotExists);
        db.CreateTable<CampaignListNumberRecord>(tableOptions: TableOptions.CreateIfNotExists);
        AddColumns(db, "campaign_list_numbers", ("account_id", "TEXT"), ("created_at", Options.Provider == StorageProvider.Sqlite ? "TEXT" : "timestamp with time zone"));
        // The client reference makes a repeated send return the first result: unique per account.
        db.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_messages_client_ref ON messages (account_id, client_ref, recipient)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_messages_status ON messages (status)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_history_message ON message_status_history (message_id)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_message_parts_message ON message_parts (message_id)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_conversations_account ON conversations (account_id, last_message_at)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_conversation_messages ON conversation_messages (conversation_id, position)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_conversation_messages_message ON conversation_messages (message_id)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_inbox_events_account ON inbox_events (account_id, position)");
        db.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_agents_user_name ON agents (user_name)");
        db.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_users_user_name ON users (user_name)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_user_roles_user ON user_roles (user_id)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_sessions_user ON sessions (user_id)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_sign_in_challenges_user ON sign_in_challenges (user_id, created_at)");
        db.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_organizations_number ON organizations (organisasjonsnummer)");
        db.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_inbound_parts_dedup ON inbound_parts (dedup_key)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_inbound_parts_group ON inbound_parts (source, destination, reference)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_sender_contacts_contact ON sender_contacts (our_number, contact)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_opt_outs_contact ON opt_outs (account_id, contact)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_audit_log_account ON audit_log (account_id, id)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_inbound_parts_pending ON inbound_parts (message_id, received_at)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_inbound_parts_received ON inbound_parts (received_at)");
        // One contact per number and account; the same index serves paging in number order and number search.
        db.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_contacts_number ON contacts (account_id, number)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_contacts_search ON contacts (account_id, search)");
        // An audience is read a page at a time in id order within the account (keyset paging): without this index a page
        // of a million-contact account sorted every contact again, and creating a campaign for it took over ten minutes.
        db.Execute("CREATE INDEX IF NOT EXISTS ix_contacts_account_id ON contacts (account_id, id)");
        db.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_contact_groups_name ON contact_groups (account_id, name_key)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_contact_group_members_contact ON contact_group_members (contact_id)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_templates_account ON message_templates (account_id, position)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_sign_ups_contact ON sign_ups (account_id, number)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_sign_ups_group ON sign_ups (account_id, group_id, id)");
        // Campaigns: the fan-out's pending pages, duplicates within a campaign, and the frequency window across an account's campaigns.
        db.Execute("CREATE INDEX IF NOT EXISTS ix_campaign_recipients_state ON campaign_recipients (campaign_id, state, seq)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_campaign_recipients_number ON campaign_recipients (campaign_id, number)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_campaign_recipients_account_number ON campaign_recipients (account_id, number, updated_at)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_campaigns_account ON campaigns (account_id, id)");
    }

    /// <summary>Nullable columns added to a table after it was first made; databases made before get them (empty).</summary>
    private static void AddColumns(DataConnection db, string table, params (string Column, string Type)[] columns)
    {
        foreach (var (column, type) in columns)
        {
            try
            {
                db.Execute($"SELECT {column} FROM {table} WHERE 1 = 0");
            }
            catch (System.Data.Common.DbException)
            {
                db.Execute($"ALTER TABLE {table} ADD COLUMN {column} {type}");
            }
        }
    }

    /// <summary>Databases made before parts stored their outcome get the columns (empty: those parts' receipts came before).</summary>
    private void AddPartOutcomeColumns(DataConnection db)
    {
        var time = Options.Provider == StorageProvider.Sqlite ? "TEXT" : "timestamp with time zone";
        foreach (var (column, type) in new[] { ("submitted_at", time), ("outcome", "TEXT"), ("outcome_detail", "TEXT"), ("outcome_at", time) })
        {
            try
            {
                db.Execute($"SELECT {column} FROM message_parts WHERE 1 = 0");
            }
            catch (System.Data.Common.DbException)
            {
                db.Execute($"ALTER TABLE message_parts ADD COLUMN {column} {type}");
            }
        }
    }

    /// <summary>
    /// Databases made before the inbox read model followed the journal get <c>applied_seq</c>, set to what each thread
    /// had journaled then (the rows show those events, so the projection, reading the journal from its start, skips them).
    /// </summary>
    private void AddAppliedSequenceColumn(DataConnection db)
    {
        try
        {
            db.Execute("SELECT applied_seq FROM conversations WHERE 1 = 0");
            return;
        }
        catch (System.Data.Common.DbException)
        {
            db.Execute("ALTER TABLE conversations ADD COLUMN applied_seq BIGINT NOT NULL DEFAULT 0");
        }
        try
        {
            db.Execute("UPDATE conversations SET applied_seq = COALESCE((SELECT MAX(j.sequence_number) FROM journal j WHERE j.persistence_id = 'conversation-' || conversations.id), 0)");
        }
        catch (System.Data.Common.DbException)
        {
            // No journal table yet: no thread has journaled anything.
        }
    }

    private void EnsureSqliteDirectory()
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Options.EffectiveConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
    }
}
