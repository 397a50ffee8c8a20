using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Tests.Storage;

/// <summary>Opt-outs in the read model (real SQLite file): per account whatever the number.</summary>
public class OptOutStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly ConversationStore _store;
    private readonly SenderStore _senders;
    private readonly ConversationReadModel _readModel;

    public OptOutStoreTests()
    {
        var database = new Database(new StorageOptions { ConnectionString = $"Data Source={TempFiles.NewPath("fa-optout", ".db")}" });
        database.EnsureCreated();
        _store = new ConversationStore(database);
        _senders = new SenderStore(database);
        _readModel = new ConversationReadModel(database);
    }

    /// <summary>A new thread's first events, as its entity would journal them (sequence numbers from 1).</summary>
    private Task ApplyAsync(string account, string ourNumber, string contact, ConversationEvents.IConversationEvent @event) =>
        _readModel.ApplyAsync([new ConversationChange(ConversationIds.For(account, ourNumber, contact), 1, [new ConversationEvents.Opened(account, ourNumber, contact, T0), @event])], inOrderOnly: true);

    [Fact]
    public async Task An_opt_out_on_one_number_covers_the_account_and_not_other_accounts()
    {
        await ApplyAsync("acme", "2401", "+4791234567", new ConversationEvents.OptedOut("STOPP", T0));

        Assert.Equal(["+4791234567"], await _store.OptedOutAsync("acme", ["+4791234567", "+4791234568"]));
        Assert.Empty(await _store.OptedOutAsync("other", ["+4791234567"]));
        Assert.Equal(["acme"], await _store.OptedOutAccountsAsync("2401", "+4791234567"));
        Assert.Equal(["2401"], await _store.OptedOutNumbersAsync("acme", "+4791234567"));
    }

    [Fact]
    public async Task Opt_outs_page_by_contact_then_number()
    {
        foreach (var (number, contact) in new[] { ("2401", "+4791000002"), ("+4790000001", "+4791000001"), ("2401", "+4791000001") })
            await ApplyAsync("acme", number, contact, new ConversationEvents.OptedOut("STOPP", T0));

        var first = await _store.OptOutsAsync("acme", null, 2);
        var rest = await _store.OptOutsAsync("acme", (first[^1].Contact, first[^1].OurNumber), 2);

        Assert.Equal([("+4791000001", "+4790000001"), ("+4791000001", "2401")], first.Select(o => (o.Contact, o.OurNumber)));
        Assert.Equal([("+4791000002", "2401")], rest.Select(o => (o.Contact, o.OurNumber)));
    }

    [Fact]
    public async Task Which_accounts_texted_a_contact_from_a_shared_number_is_kept_once_per_account_in_the_order_they_first_did()
    {
        await _senders.RecordSentAsync("acme", "2401", ["+4791234567", "+4791234568"]);
        await _senders.RecordSentAsync("other", "2401", ["+4791234567"]);
        await _senders.RecordSentAsync("acme", "2401", ["+4791234567"]);
        await _senders.RecordSentAsync("third", "2402", ["+4791234567"]);

        Assert.Equal(["acme", "other"], await _senders.AccountsThatSentAsync("2401", "+4791234567"));
    }
}
