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
public sealed record CampaignDefinition(
    string AccountId, string Name, string From, string Text, string? TemplateId, IReadOnlyList<string> GroupIds, int MessagesPerSecond,
    DateTimeOffset? StartAt, WindowSpec? Window, TimeSpan? FrequencyWindow);
