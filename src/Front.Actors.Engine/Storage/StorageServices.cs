using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Engine.Storage;

/// <summary>The read models and their writers, all in the one database the journal uses.</summary>
public static class StorageServices
{
    public static IServiceCollection AddEngineStorage(this IServiceCollection services, StorageOptions storage) => services
        .AddSingleton(storage)
        .AddSingleton<Database>()
        .AddSingleton<MessageStore>()
        .AddSingleton<AcceptedMessageWriter>()
        .AddSingleton<StatusStore>()
        .AddSingleton<AccountStore>()
        .AddSingleton<ApiKeyStore>()
        .AddSingleton<HeldItemStore>()
        .AddSingleton<CampaignHoldReadModel>()
        .AddSingleton<AccountReadModel>()
        .AddSingleton<SuspensionStore>()
        .AddSingleton<NumberStore>()
        .AddSingleton<NumberReadModel>()
        .AddSingleton<ConversationStore>()
        .AddSingleton<InboundPartStore>()
        .AddSingleton<ConversationReadModel>()
        .AddSingleton<InboxWriter>()
        .AddSingleton<SenderStore>()
        .AddSingleton<ContactStore>()
        .AddSingleton<ContactGroupStore>()
        .AddSingleton<TemplateStore>()
        .AddSingleton<SignUpStore>()
        .AddSingleton<AuditLog>()
        .AddHostedService<SqliteCheckpointer>();
}
