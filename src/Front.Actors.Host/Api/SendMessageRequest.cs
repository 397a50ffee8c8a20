namespace Front.Actors.Host.Api;

/// <summary>The body of <c>POST /api/v1/messages</c>.</summary>
public sealed record SendMessageRequest(string? From, List<string>? To, string? Text, string? ClientRef);
