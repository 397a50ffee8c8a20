using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Inbound;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Front.Actors.Host.Hubs;

/// <summary>What an agent's client receives.</summary>
public interface IInboxClient
{
    /// <summary>A change in the account's inbox (new message, assignment, read, status of a reply, …), numbered.</summary>
    Task InboxUpdated(InboxUpdate update);

    /// <summary>Another agent is typing in or viewing a thread, so two agents do not answer the same contact.</summary>
    Task AgentActivity(AgentActivity activity);
}

/// <param name="Activity"><c>typing</c>, <c>viewing</c> or <c>left</c> (the agent closed the thread or the page).</param>
/// <param name="Name">The agent's display name ("Kari"), for the screen; <paramref name="Agent"/> is the user name.</param>
public sealed record AgentActivity(string ConversationId, string Agent, string Activity, DateTimeOffset At, string? Name = null);

/// <summary>
/// The agents' live inbox. A connection joins its account's group only, so it never sees another account's
/// threads. Actions go through the same conversation service as the HTTP API; a client that reconnects
/// calls <see cref="Resume"/> with the last position it saw and gets what it missed.
/// </summary>
[Authorize(AuthenticationSchemes = ApiKeyAuthentication.SchemeName, Policy = InboxHub.Policy)]
public sealed class InboxHub(ConversationService conversations, ConversationStore store, AgentRoundRobin roundRobin, Agents.AgentDirectory agents) : Hub<IInboxClient>
{
    public const string Policy = "inbox";
    public const int MaxResume = 1_000;

    public static string GroupOf(string accountId) => $"inbox:{accountId}";

    private IReadOnlyList<string> Accounts => Context.User!.VisibleAccounts();

    private string Agent => Context.User!.Actor();

    public override async Task OnConnectedAsync()
    {
        foreach (var account in Accounts)
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(account));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var account in Accounts)
            roundRobin.SetAvailable(account, Agent, false);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The visible accounts' updates after <paramref name="afterPosition"/> (at most <see cref="MaxResume"/>; call again for more).</summary>
    public Task<IReadOnlyList<InboxUpdate>> Resume(long afterPosition) => store.UpdatesAfterAsync(Accounts, afterPosition, MaxResume);

    public async Task<object> SendReply(string conversationId, string text)
    {
        await CheckAsync(conversationId);
        try
        {
            return await conversations.ReplyAsync(conversationId, Agent, text, Domain.Text.MessageText.MaxSegments) switch
            {
                ReplyOutcome.Sent sent => new { id = sent.MessageId, status = sent.Status, segments = sent.Segments },
                ReplyOutcome.Refused refused => throw new HubException($"{refused.Field}: {refused.Reason}"),
                _ => throw new HubException("the reply was not sent"),
            };
        }
        catch (Engine.Messages.SendRefusedException e)
        {
            throw new HubException($"{e.Field}: {e.Reason}");
        }
    }

    public Task MarkRead(string conversationId) => RunAsync(conversationId, new ConversationCommands.MarkRead(conversationId, Agent));

    public Task Claim(string conversationId) => RunAsync(conversationId, new ConversationCommands.Claim(conversationId, Agent));

    public Task Release(string conversationId) => RunAsync(conversationId, new ConversationCommands.Release(conversationId, Agent));

    /// <summary>Hands the thread on, only to an agent who may work in its account (else nobody could take it back).</summary>
    public async Task Transfer(string conversationId, string to)
    {
        var summary = await CheckAsync(conversationId);
        if (string.IsNullOrWhiteSpace(to) || !await agents.MayWorkInAsync(to.Trim(), summary.AccountId))
            throw new HubException($"to: no agent '{to}' who may work in account '{summary.AccountId}'");
        await RunAsync(conversationId, new ConversationCommands.Transfer(conversationId, Agent, to.Trim()));
    }

    // Presence (typing / viewing / left) is ephemeral: it is not stored, only relayed to the account's other agents
    // connected to this node's hub, and it is lost when a node goes (and not seen across nodes without a SignalR
    // backplane). Clients repeat it while it lasts and forget what they have not heard again within a few seconds, so a
    // lost "left" or a dead node leaves no agent shown as typing for ever.
    public Task Typing(string conversationId) => ActivityAsync(conversationId, "typing");

    public Task Viewing(string conversationId) => ActivityAsync(conversationId, "viewing");

    /// <summary>The agent stopped viewing the thread (opened another, left the page): others stop showing them at once.</summary>
    public Task Left(string conversationId) => ActivityAsync(conversationId, "left");

    /// <summary>Available agents are given new threads in turn when round-robin is enabled.</summary>
    public void SetAvailable(bool available)
    {
        foreach (var account in Accounts)
            roundRobin.SetAvailable(account, Agent, available);
    }

    private async Task ActivityAsync(string conversationId, string activity)
    {
        var summary = await CheckAsync(conversationId);
        await Clients.OthersInGroup(GroupOf(summary.AccountId)).AgentActivity(
            new AgentActivity(conversationId, Agent, activity, DateTimeOffset.UtcNow, Context.User!.FindFirst(System.Security.Claims.ClaimTypes.Name)?.Value));
    }

    private async Task RunAsync(string conversationId, ConversationCommands.IWithConversationId command)
    {
        await CheckAsync(conversationId);
        if (await conversations.CommandAsync(command) is ConversationReplies.Refused refused)
            throw new HubException(refused.Reason);
    }

    private async Task<ConversationSummary> CheckAsync(string conversationId)
    {
        var (summary, denied) = await store.FindVisibleAsync(Context.User!, conversationId);
        return denied switch
        {
            null => summary!,
            { Status: 403 } => throw new HubException($"forbidden: {denied.Reason}"),
            _ => throw new HubException(denied.Reason),
        };
    }
}

/// <summary>Pushes inbox updates to the agents of the account.</summary>
public sealed class SignalRInboxNotifier(IHubContext<InboxHub, IInboxClient> hub) : IInboxNotifier
{
    public async Task NotifyAsync(string accountId, IReadOnlyList<InboxUpdate> updates)
    {
        foreach (var update in updates)
            await hub.Clients.Group(InboxHub.GroupOf(accountId)).InboxUpdated(update);
    }
}
