using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Domain.Templates;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// What an agent needs beside a thread and may not read elsewhere (templates and users are admin/marketer endpoints):
/// the thread's account's templates as canned replies, rendered for the thread's contact, and the agents a thread
/// can be transferred to. Both are scoped to the thread, so an agent sees only its account's.
/// </summary>
public static class InboxHelpersEndpoints
{
    public static RouteGroupBuilder MapInboxHelpers(this RouteGroupBuilder conversations)
    {
        conversations.MapGet("{id}/canned-replies", CannedRepliesAsync);
        conversations.MapGet("{id}/agents", AgentsAsync);
        return conversations;
    }

    /// <summary>The account's visible templates in its order, each with its text rendered for this contact (defaults where a field is missing).</summary>
    private static async Task<IResult> CannedRepliesAsync(string id, ClaimsPrincipal user, ConversationStore store, TemplateStore templates, ContactStore contacts, CancellationToken ct)
    {
        var (summary, denied) = await store.FindVisibleAsync(user, id, ct);
        if (denied is not null)
            return ApiProblems.Field(denied.Status, "id", denied.Reason);
        var contact = (await contacts.PageAsync(summary!.AccountId, summary.Contact, null, null, 5, ct)).FirstOrDefault(c => c.Number == summary.Contact);
        var merge = contact is null ? MergeContact.Nobody : new MergeContact(contact.Number, contact.Name, contact.FirstName, contact.LastName, ContactStore.FieldsOf(contact));
        var items = (await templates.ListAsync(summary.AccountId, includeHidden: false, ct)).Select(t => new
        {
            id = t.Id,
            name = t.Name,
            // A template that no longer parses (it should not happen: templates are checked when saved) is offered as written.
            text = MergeTemplate.TryParse(t.Text, out var template, out _) ? template.Render(merge) : t.Text,
        });
        return Results.Ok(new { items });
    }

    /// <summary>The agents who may work in the thread's account, the caller excepted: those a transfer may go to.</summary>
    private static async Task<IResult> AgentsAsync(string id, ClaimsPrincipal user, ConversationStore store, UserDirectory users, CancellationToken ct)
    {
        var (summary, denied) = await store.FindVisibleAsync(user, id, ct);
        if (denied is not null)
            return ApiProblems.Field(denied.Status, "id", denied.Reason);
        var items = new List<object>();
        if (await users.OrganizationOfAsync(summary!.AccountId, ct) is { } organization)
            foreach (var (agent, roles) in await users.ListAsync(organization, ct))
                if (agent.DisabledAt is null && agent.UserName != user.Actor() && roles.Any(r => r.Role == Role.Agent && r.AccountId == summary.AccountId))
                    items.Add(new { userName = agent.UserName, displayName = agent.DisplayName });
        return Results.Ok(new { items });
    }
}
