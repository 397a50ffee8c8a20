using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Engine.Inbound;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.ShortNumbers;

/// <summary>
/// Changes to short and virtual numbers: the number's entity decides and journals, then the read model is
/// updated (it also follows the journal: <see cref="NumberProjection"/>) and a new sending rate is applied to the
/// pipeline at once (no restart). Webhook secrets are
/// encrypted here, before the entity journals them.
/// </summary>
public sealed class NumberService(
    IRequiredActor<ShortNumberRegion> numbers, NumberStore store, NumberReadModel readModel, OutboundPipeline pipeline, SecretProtector secrets, InboundOptions options) : IWebhookRules
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public Task<ShortNumberReplies.IReply> ConfigureAsync(string number, string ownerAccountId, bool shared, string? defaultReply, string by, CancellationToken ct = default) =>
        ChangeAsync(new ShortNumberCommands.Configure(number, ownerAccountId, shared, defaultReply, by), ct);

    public Task<ShortNumberReplies.IReply> SetRateAsync(string number, int? messagesPerSecond, string by, CancellationToken ct = default) =>
        ChangeAsync(new ShortNumberCommands.SetRate(number, messagesPerSecond, by), ct);

    public Task<ShortNumberReplies.IReply> RegisterKeywordAsync(string number, string keyword, string accountId, CancellationToken ct = default) =>
        ChangeAsync(new ShortNumberCommands.RegisterKeyword(number, keyword, accountId), ct);

    public Task<ShortNumberReplies.IReply> ReleaseKeywordAsync(string number, string keyword, string accountId, CancellationToken ct = default) =>
        ChangeAsync(new ShortNumberCommands.ReleaseKeyword(number, keyword, accountId), ct);

    /// <summary>
    /// Replaces the rules of a number, keyword or sub-keyword. At most <see cref="InboundOptions.MaxRules"/>: each
    /// rule can turn one inbound SMS into a send or a call.
    /// </summary>
    public Task<ShortNumberReplies.IReply> SetRulesAsync(string number, string accountId, string? keyword, string? subKeyword, IReadOnlyList<InboundRule> rules, CancellationToken ct = default)
    {
        if (rules.Count > options.MaxRules)
            return Task.FromResult<ShortNumberReplies.IReply>(new ShortNumberReplies.Refused(number, "rules",
                $"at most {options.MaxRules} rules per number, keyword or sub-keyword; got {rules.Count}", RefusalKind.Invalid));
        var stored = rules.Select(r => r.Secret is null ? r : r with { Secret = secrets.Protect(r.Secret) }).ToList();
        return ChangeAsync(new ShortNumberCommands.SetRules(number, accountId, keyword, subKeyword, stored), ct);
    }

    /// <summary>Adds a sign-up to a group on the account's keyword or sub-keyword, or changes its confirmation; the keyword's other rules stay.</summary>
    public Task<ShortNumberReplies.IReply> PutSignUpAsync(string number, string accountId, string keyword, string? subKeyword, string groupId, string? reply, CancellationToken ct = default) =>
        ChangeAsync(new ShortNumberCommands.PutSignUp(number, accountId, keyword, subKeyword, groupId, reply, options.MaxRules), ct);

    /// <summary>Removes the keyword's (or sub-keyword's) sign-up to a group; the keyword's other rules stay.</summary>
    public Task<ShortNumberReplies.IReply> RemoveSignUpAsync(string number, string accountId, string keyword, string? subKeyword, string groupId, CancellationToken ct = default) =>
        ChangeAsync(new ShortNumberCommands.RemoveSignUp(number, accountId, keyword, subKeyword, groupId), ct);

    public Task<InboundRoute> RouteAsync(string number, string? first, string? second, CancellationToken ct = default) =>
        numbers.ActorRef.Ask<InboundRoute>(new ShortNumberCommands.Route(number, first, second), Timeout, ct);

    public async Task<ShortNumberState> GetAsync(string number, CancellationToken ct = default) =>
        (await numbers.ActorRef.Ask<ShortNumberReplies.Info>(new ShortNumberCommands.GetInfo(number), Timeout, ct)).State;

    /// <summary>
    /// The webhook rule with this URL that a message to the body's number with its words ran (sub-keyword, keyword
    /// or number level), if it is still there and still the account's; its secret as journaled (encrypted).
    /// </summary>
    public async Task<(bool Found, string? ProtectedSecret)> FindAsync(string accountId, InboundWebhookBody body, string url, CancellationToken ct = default)
    {
        var state = await GetAsync(body.To, ct);
        var levels = new List<IReadOnlyList<InboundRule>>();
        if (body.Keyword is not null && state.Keywords.TryGetValue(body.Keyword, out var entry))
        {
            if (entry.AccountId != accountId)
                return (false, null);
            if (body.SubKeyword is not null && entry.SubKeywords.TryGetValue(body.SubKeyword, out var subRules))
                levels.Add(subRules);
            levels.Add(entry.Rules);
        }
        if (state.OwnerAccountId == accountId)
            levels.Add(state.NumberRules);
        var rule = levels.SelectMany(rules => rules).FirstOrDefault(r => r.Kind == InboundRuleKind.Webhook && r.Target == url);
        return (rule is not null, rule?.Secret);
    }

    /// <summary>At start-up: the numbers' own rates, from the read model, before any stored message is resumed.</summary>
    public async Task RestoreRatesAsync(CancellationToken ct = default)
    {
        foreach (var number in await store.ListAsync(ct))
            if (number.MessagesPerSecond is { } rate)
                pipeline.SetSenderRate(number.Number, rate);
    }

    private async Task<ShortNumberReplies.IReply> ChangeAsync(ShortNumberCommands.IWithNumber command, CancellationToken ct)
    {
        var reply = await numbers.ActorRef.Ask<ShortNumberReplies.IReply>(command, Timeout, ct);
        if (reply is ShortNumberReplies.Info info)
        {
            // The fast path: a listing shows the change at once. The projection writes it if a crash comes first.
            try
            {
                await readModel.SaveAsync(info.Number, info.State, info.SequenceNr, ct);
            }
            catch (ReadModelConflictException)
            {
                // Another writer moved the rows on meanwhile: at least as far as this change, or the projection brings them there.
            }
            pipeline.SetSenderRate(info.Number, info.State.MessagesPerSecond);
        }
        return reply;
    }
}
