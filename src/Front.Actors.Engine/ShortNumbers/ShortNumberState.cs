namespace Front.Actors.Engine.ShortNumbers;

/// <summary>A keyword on a number: the account it belongs to, its rules, and its sub-keywords' rules.</summary>
public sealed record KeywordEntry(string AccountId, IReadOnlyList<InboundRule> Rules, IReadOnlyDictionary<string, IReadOnlyList<InboundRule>> SubKeywords);

/// <summary>Where an inbound message to a number goes: the account (null: nobody owns the number) and the rules to run.</summary>
public sealed record InboundRoute(
    string Number, string? AccountId, string? Keyword, string? SubKeyword, IReadOnlyList<InboundRule> Rules, string? DefaultReply)
{
    public bool Known => AccountId is not null;
}

/// <summary>
/// A short or virtual number's configuration, as its entity rebuilds it from the journal. Pure: commands
/// are judged and events applied here, so the rules are tested without actors. Keywords are stored upper case.
/// </summary>
public sealed record ShortNumberState(
    string? OwnerAccountId,
    bool Shared,
    string? DefaultReply,
    int? MessagesPerSecond,
    IReadOnlyDictionary<string, KeywordEntry> Keywords,
    IReadOnlyList<InboundRule> NumberRules) : Serialization.IPersisted
{
    public static ShortNumberState Empty { get; } = new(null, false, null, null, new Dictionary<string, KeywordEntry>(), []);

    public bool Configured => OwnerAccountId is not null;

    public ShortNumberState Apply(ShortNumberEvents.IShortNumberEvent @event) => @event switch
    {
        ShortNumberEvents.NumberConfigured e => this with { OwnerAccountId = e.OwnerAccountId, Shared = e.Shared, DefaultReply = e.DefaultReply },
        ShortNumberEvents.RateSet e => this with { MessagesPerSecond = e.MessagesPerSecond },
        ShortNumberEvents.KeywordRegistered e => this with
        {
            Keywords = new Dictionary<string, KeywordEntry>(Keywords) { [e.Keyword] = new(e.AccountId, [], new Dictionary<string, IReadOnlyList<InboundRule>>()) },
        },
        ShortNumberEvents.KeywordReleased e => this with { Keywords = Keywords.Where(k => k.Key != e.Keyword).ToDictionary() },
        ShortNumberEvents.RulesSet { Keyword: null } e => this with { NumberRules = e.Rules },
        ShortNumberEvents.RulesSet { SubKeyword: null } e when Keywords.TryGetValue(e.Keyword!, out var entry) => this with
        {
            Keywords = new Dictionary<string, KeywordEntry>(Keywords) { [e.Keyword!] = entry with { Rules = e.Rules } },
        },
        ShortNumberEvents.RulesSet e when Keywords.TryGetValue(e.Keyword!, out var entry) => this with
        {
            Keywords = new Dictionary<string, KeywordEntry>(Keywords)
            {
                [e.Keyword!] = entry with { SubKeywords = new Dictionary<string, IReadOnlyList<InboundRule>>(entry.SubKeywords) { [e.SubKeyword!] = e.Rules } },
            },
        },
        _ => this,
    };

    /// <summary>
    /// Routes an inbound message by its first two words (already upper case, punctuation stripped). A number
    /// owned by one account takes everything; a shared one routes by keyword, then sub-keyword, and keeps an
    /// unknown keyword's message for the number's owner with the default reply.
    /// </summary>
    public InboundRoute Route(string number, string? first, string? second)
    {
        if (!Configured)
            return new InboundRoute(number, null, null, null, [], null);
        if (first is not null && Keywords.TryGetValue(first, out var entry) && (Shared || entry.AccountId == OwnerAccountId))
        {
            if (second is not null && entry.SubKeywords.TryGetValue(second, out var subRules))
                return new InboundRoute(number, entry.AccountId, first, second, subRules, null);
            return new InboundRoute(number, entry.AccountId, first, null, entry.Rules.Count > 0 || Shared ? entry.Rules : NumberRules, null);
        }
        return Shared
            ? new InboundRoute(number, OwnerAccountId, null, null, [], DefaultReply)
            : new InboundRoute(number, OwnerAccountId, null, null, NumberRules, null);
    }

    /// <summary>
    /// What giving the number to <paramref name="newOwner"/> takes away from its old owner, so that none of the
    /// old owner's set-up acts on the new owner's messages: the old owner's keywords (with their rules) and the
    /// number's own rules. Empty when the owner stays the same.
    /// </summary>
    public IReadOnlyList<ShortNumberEvents.IShortNumberEvent> ClearedForNewOwner(string newOwner, DateTimeOffset at)
    {
        if (OwnerAccountId is null || OwnerAccountId == newOwner)
            return [];
        var events = new List<ShortNumberEvents.IShortNumberEvent>();
        events.AddRange(Keywords.Where(k => k.Value.AccountId == OwnerAccountId).Select(k => new ShortNumberEvents.KeywordReleased(k.Key, at)));
        if (NumberRules.Count > 0)
            events.Add(new ShortNumberEvents.RulesSet(null, null, [], at));
        return events;
    }

    /// <summary>The rules of the number (no keyword), of a keyword or of one of its sub-keywords; empty where none are set.</summary>
    public IReadOnlyList<InboundRule> RulesOf(string? keyword, string? subKeyword)
    {
        if (keyword is null)
            return NumberRules;
        if (!Keywords.TryGetValue(keyword, out var entry))
            return [];
        if (subKeyword is null)
            return entry.Rules;
        return entry.SubKeywords.TryGetValue(subKeyword, out var rules) ? rules : [];
    }

    /// <summary>Why the account may not set the rules of the number, keyword or sub-keyword (and which field is to blame), or null if it may.</summary>
    public (RefusalKind Kind, string Field, string Reason)? RefuseRules(string accountId, string? keyword, string? subKeyword)
    {
        var owns = keyword is null
            ? OwnerAccountId == accountId
            : Keywords.TryGetValue(keyword, out var entry) && entry.AccountId == accountId;
        if (!owns)
            return (RefusalKind.Forbidden, keyword is null ? "number" : "keyword", "not this account's number or keyword");
        if (subKeyword is not null && keyword is null)
            return (RefusalKind.Invalid, "subKeyword", "a sub-keyword needs its keyword");
        return null;
    }

    /// <summary>
    /// The keyword's (or sub-keyword's) rules with a sign-up to <paramref name="groupId"/>: its confirmation replaced if
    /// there is one for that group already, else added last. The other rules stay as they are and where they are.
    /// </summary>
    public IReadOnlyList<InboundRule> WithSignUp(string keyword, string? subKeyword, string groupId, string? reply)
    {
        var rules = RulesOf(keyword, subKeyword);
        var signUp = new InboundRule(InboundRuleKind.SignUp, groupId, Reply: reply);
        return rules.Any(r => IsSignUpTo(r, groupId))
            ? rules.Select(r => IsSignUpTo(r, groupId) ? signUp : r).ToList()
            : [.. rules, signUp];
    }

    /// <summary>The keyword's (or sub-keyword's) rules without its sign-up to <paramref name="groupId"/>; null if it has none.</summary>
    public IReadOnlyList<InboundRule>? WithoutSignUp(string keyword, string? subKeyword, string groupId)
    {
        var rules = RulesOf(keyword, subKeyword);
        return rules.Any(r => IsSignUpTo(r, groupId)) ? rules.Where(r => !IsSignUpTo(r, groupId)).ToList() : null;
    }

    private static bool IsSignUpTo(InboundRule rule, string groupId) => rule.Kind == InboundRuleKind.SignUp && rule.Target == groupId;

    /// <summary>Why a keyword cannot be registered for the account (and which field is to blame), or null if it can.</summary>
    public (RefusalKind Kind, string Field, string Reason)? RefuseKeyword(string keyword, string accountId)
    {
        if (!Configured)
            return (RefusalKind.NotFound, "shortNumber", "the number is not set up");
        if (Keywords.TryGetValue(keyword, out var taken))
            return taken.AccountId == accountId ? null : (RefusalKind.Conflict, "keyword", $"'{keyword}' is already taken on this number");
        if (!Shared && accountId != OwnerAccountId)
            return (RefusalKind.Forbidden, "shortNumber", "the number belongs to another account and is not shared");
        return null;
    }
}
