using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.ShortNumbers;

namespace Front.Actors.Engine.Serialization;

/// <summary>
/// Stored events and snapshots as JSON with short, stable manifests. A type's manifest never changes once
/// data exists; a new shape gets a new manifest (…-v2) and this table keeps reading the old one.
/// </summary>
public sealed class EngineSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 4711;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private static readonly Dictionary<string, Type> TypesByManifest = new()
    {
        ["account-admitted-v1"] = typeof(AccountEvents.MessagesAdmitted),
        ["account-state-v2"] = typeof(AccountState),
        ["account-held-v1"] = typeof(AccountEvents.ItemHeld),
        ["account-approved-v1"] = typeof(AccountEvents.ItemApproved),
        ["account-rejected-v1"] = typeof(AccountEvents.ItemRejected),
        ["account-domain-v1"] = typeof(AccountEvents.DomainApproved),
        ["account-limits-v1"] = typeof(AccountEvents.LimitsChanged),
        ["account-suspended-v1"] = typeof(AccountEvents.AccountSuspended),
        ["account-resumed-v1"] = typeof(AccountEvents.AccountResumed),
        ["account-sender-registered-v1"] = typeof(AccountEvents.SenderRegistered),
        ["account-sender-removed-v1"] = typeof(AccountEvents.SenderRemoved),
        ["conversation-opened-v2"] = typeof(ConversationEvents.Opened),
        ["conversation-received-v1"] = typeof(ConversationEvents.MessageReceived),
        ["conversation-reply-v1"] = typeof(ConversationEvents.ReplyWritten),
        ["conversation-read-v1"] = typeof(ConversationEvents.MarkedRead),
        ["conversation-assignment-v1"] = typeof(ConversationEvents.AssignmentChanged),
        ["conversation-closed-v1"] = typeof(ConversationEvents.Closed),
        ["conversation-reopened-v1"] = typeof(ConversationEvents.Reopened),
        ["conversation-opted-out-v1"] = typeof(ConversationEvents.OptedOut),
        ["conversation-opted-in-v1"] = typeof(ConversationEvents.OptedIn),
        ["conversation-state-v1"] = typeof(ConversationState),
        ["short-number-configured-v1"] = typeof(ShortNumberEvents.NumberConfigured),
        ["short-number-rate-v1"] = typeof(ShortNumberEvents.RateSet),
        ["short-number-keyword-v1"] = typeof(ShortNumberEvents.KeywordRegistered),
        ["short-number-keyword-released-v1"] = typeof(ShortNumberEvents.KeywordReleased),
        ["short-number-rules-v1"] = typeof(ShortNumberEvents.RulesSet),
        ["short-number-state-v1"] = typeof(ShortNumberState),
        ["campaign-created-v1"] = typeof(CampaignEvents.Created),
        ["campaign-held-v1"] = typeof(CampaignEvents.HeldForReview),
        ["campaign-approval-requested-v1"] = typeof(CampaignEvents.ApprovalRequested),
        ["campaign-approved-v1"] = typeof(CampaignEvents.Approved),
        ["campaign-hold-approved-v1"] = typeof(CampaignEvents.HoldApproved),
        ["campaign-hold-rejected-v1"] = typeof(CampaignEvents.HoldRejected),
        ["campaign-scheduled-v1"] = typeof(CampaignEvents.Scheduled),
        ["campaign-started-v1"] = typeof(CampaignEvents.Started),
        ["campaign-snapshotted-v1"] = typeof(CampaignEvents.AudienceSnapshotted),
        ["campaign-window-closed-v1"] = typeof(CampaignEvents.WindowClosed),
        ["campaign-window-opened-v1"] = typeof(CampaignEvents.WindowOpened),
        ["campaign-paused-v1"] = typeof(CampaignEvents.Paused),
        ["campaign-resumed-v1"] = typeof(CampaignEvents.Resumed),
        ["campaign-cancelled-v1"] = typeof(CampaignEvents.Cancelled),
        ["campaign-finished-v1"] = typeof(CampaignEvents.Finished),
        ["campaign-state-v1"] = typeof(CampaignState),
    };

    /// <summary>Every type this serializer writes, so a test can check the system picks it for each.</summary>
    public static IReadOnlyCollection<Type> PersistedTypes => TypesByManifest.Values;

    private static readonly Dictionary<Type, string> ManifestsByType = TypesByManifest.ToDictionary(kv => kv.Value, kv => kv.Key);

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        ManifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType()} has no manifest in {nameof(EngineSerializer)}");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Json) ?? throw new SerializationException($"null {manifest}")
            : throw new SerializationException($"unknown manifest '{manifest}'");
}
