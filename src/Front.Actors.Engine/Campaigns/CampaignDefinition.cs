using Front.Actors.Domain.Campaigns;

namespace Front.Actors.Engine.Campaigns;

/// <summary>A sending window as the API gave it (HH:mm in Europe/Oslo, day names); journaled as given, read by <see cref="SendingWindow"/>.</summary>
public sealed record WindowSpec(string From, string To, IReadOnlyList<string> Days)
{
    public SendingWindow ToWindow() =>
        SendingWindow.TryCreate(From, To, Days, out var window, out var problems)
            ? window!
            : throw new InvalidOperationException("a journaled window was checked when it was given: " + string.Join("; ", problems));
}

/// <summary>
/// What a campaign sends, to whom and how fast, fixed when it is created (the audience itself is resolved once, at
/// start). <see cref="Text"/> is the template's text when it came from one, so a later change of the template does not
/// change a campaign.
/// </summary>
/// <param name="FrequencyWindow">Skip contacts another campaign of the account texted within this time; null: no limit.</param>
/// <param name="Footer">
/// The opt-out line appended to every recipient's rendered text (<c>optOutFooter</c> in the API), fixed when the campaign is
/// created like its text; null: none. Added later: journals from before it read as null.
/// </param>
/// <param name="ListSize">
/// How many numbers the campaign's own list holds (in <c>campaign_list_numbers</c>, not in the journal: a list can be
/// 100,000 numbers); its audience is the groups' contacts and then the list. 0: no list. Added later: old journals read 0.
/// </param>
public sealed record CampaignDefinition(
    string AccountId, string Name, string From, string Text, string? TemplateId, IReadOnlyList<string> GroupIds, int MessagesPerSecond,
    DateTimeOffset? StartAt, WindowSpec? Window, TimeSpan? FrequencyWindow, string? Footer = null, int ListSize = 0)
{
    /// <summary>A recipient's text: the rendered text and the opt-out footer, if the campaign has one.</summary>
    public string Compose(string rendered) => Footer is null ? rendered : Domain.Templates.OptOutFooter.Append(rendered, Footer);

    /// <summary>The text sent to a recipient without a rendered text of its own (the campaign's text has no merge fields).</summary>
    public string SendText => Compose(Text);
}
