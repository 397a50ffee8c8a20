namespace Front.Actors.Engine.Campaigns;

/// <summary>A new campaign as the API received it: raw values, checked by <see cref="CampaignService"/>.</summary>
/// <param name="OptOutFooter">Append the account's opt-out line ("Reservér deg: send STOPP …") to every recipient's text.</param>
/// <param name="Numbers">A pasted or uploaded list of numbers, sent besides (or instead of) the groups.</param>
public sealed record CampaignRequest(
    string? Name, string? From, string? Text, string? TemplateId, IReadOnlyList<string>? Groups, int? MessagesPerSecond, string? StartAt, WindowSpec? Window,
    bool OptOutFooter = false, IReadOnlyList<string>? Numbers = null);
