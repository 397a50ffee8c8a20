namespace Front.Actors.Engine.Campaigns;

/// <summary>A new campaign as the API received it: raw values, checked by <see cref="CampaignService"/>.</summary>
public sealed record CampaignRequest(
    string? Name, string? From, string? Text, string? TemplateId, IReadOnlyList<string>? Groups, int? MessagesPerSecond, string? StartAt, WindowSpec? Window);
