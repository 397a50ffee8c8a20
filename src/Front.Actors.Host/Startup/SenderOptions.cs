namespace Front.Actors.Host.Startup;

/// <summary>Sender settings (section <c>Senders</c>).</summary>
public sealed class SenderOptions
{
    /// <summary>
    /// Protected sender names put on a database that has none yet (moderators keep the list after that): banks,
    /// public bodies and the provider's own name. Only accounts a moderator names for one may send from it.
    /// </summary>
    public string[] ProtectedNames { get; set; } = ["DNB", "NAV", "Politiet", "Altinn", "Skatteetaten", "Helsenorge", "BankID", "Front Actors"];
}
