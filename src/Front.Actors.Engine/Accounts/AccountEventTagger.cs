using Front.Actors.Engine.Persistence;

namespace Front.Actors.Engine.Accounts;

/// <summary>Tags every account event, for the decision projection that keeps held items and suspensions following the journal.</summary>
public sealed class AccountEventTagger() : EventTagger(Tag)
{
    public const string Tag = "account";

    public static readonly string Hocon = Binding("account-tagger", typeof(AccountEventTagger), typeof(AccountEvents.IAccountEvent));
}
