using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.ShortNumbers;

/// <summary>
/// Changes to short and virtual numbers: the number's entity decides and journals, then the read model is
/// updated and a new sending rate is applied to the pipeline at once (no restart).
/// </summary>
public sealed class NumberService(IRequiredActor<ShortNumberRegion> numbers, NumberStore store, OutboundPipeline pipeline)
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

    public Task<ShortNumberReplies.IReply> SetRulesAsync(string number, string accountId, string? keyword, string? subKeyword, IReadOnlyList<InboundRule> rules, CancellationToken ct = default) =>
        ChangeAsync(new ShortNumberCommands.SetRules(number, accountId, keyword, subKeyword, rules), ct);

    public Task<InboundRoute> RouteAsync(string number, string? first, string? second, CancellationToken ct = default) =>
        numbers.ActorRef.Ask<InboundRoute>(new ShortNumberCommands.Route(number, first, second), Timeout, ct);

    public async Task<ShortNumberState> GetAsync(string number, CancellationToken ct = default) =>
        (await numbers.ActorRef.Ask<ShortNumberReplies.Info>(new ShortNumberCommands.GetInfo(number), Timeout, ct)).State;

    /// <summary>
    /// The secret of the webhook rule with this URL that a message to <paramref name="number"/> with these
    /// words ran (sub-keyword, keyword or number level); not found when the rule has since been removed.
    /// </summary>
    public async Task<(bool Found, string? Secret)> WebhookSecretAsync(string number, string? keyword, string? subKeyword, string url, CancellationToken ct = default)
    {
        var state = await GetAsync(number, ct);
        var levels = new List<IReadOnlyList<InboundRule>>();
        if (keyword is not null && state.Keywords.TryGetValue(keyword, out var entry))
        {
            if (subKeyword is not null && entry.SubKeywords.TryGetValue(subKeyword, out var subRules))
                levels.Add(subRules);
            levels.Add(entry.Rules);
        }
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
            await store.SaveAsync(info.Number, info.State, ct);
            pipeline.SetSenderRate(info.Number, info.State.MessagesPerSecond);
        }
        return reply;
    }
}
