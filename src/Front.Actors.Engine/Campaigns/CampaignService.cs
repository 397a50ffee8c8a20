using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Domain.Campaigns;
using Front.Actors.Domain.Misuse;
using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;
using Front.Actors.Domain.Templates;
using Front.Actors.Domain.Text;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Moderation;
using Front.Actors.Engine.Senders;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Campaigns;

/// <summary>
/// What the API (and later the web pages) do with campaigns: check a new one and estimate it, then ask its entity; bring
/// the facts the entity cannot know (misuse rules, maker/checker) to a start. Refusals are <see cref="SendRefusedException"/>
/// with every bad field named.
/// </summary>
public sealed class CampaignService(
    IRequiredActor<CampaignRegion> campaigns, CampaignStore store, ContactGroupStore groups, ContactStore contacts, TemplateStore templates,
    ConversationStore conversations, ModerationService moderation, OperatorDirectory operators, SenderCheck senderCheck, MessageIntake intake)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);
    public const int MaxTestNumbers = 10;

    /// <summary>Checks and estimates a campaign, then creates it as a draft; answers its id and estimate.</summary>
    public async Task<(string Id, CampaignEstimate Estimate)> CreateAsync(string accountId, CampaignRequest request, string by, DateTimeOffset now, CancellationToken ct = default)
    {
        var errors = new SendErrors();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add("name", "a campaign needs a name");
        else if (name.Length > 100)
            errors.Add("name", "at most 100 characters");
        Sender? sender = null;
        if (!Sender.TryParse(request.From, out sender, out var senderReason))
            errors.Add("from", senderReason);
        var text = request.Text;
        var textField = "text";
        if (text is not null && request.TemplateId is not null)
            errors.Add("text", "give text or templateId, not both");
        else if (request.TemplateId is { } templateId)
        {
            textField = "templateId";
            if (await templates.GetAsync(accountId, templateId, ct) is { } template)
                text = template.Text;
            else
                errors.Add("templateId", $"no template '{templateId}' in this account");
        }
        else if (string.IsNullOrWhiteSpace(text))
            errors.Add("text", "give the text or a templateId");
        MergeTemplate? merge = null;
        if (text is not null && !MergeTemplate.TryParse(text, out merge, out var mergeReason))
            errors.Add(textField, mergeReason);
        if (merge is not null && merge.UnknownFields(await contacts.FieldNamesAsync(accountId, ct)) is { Count: > 0 } unknown)
            errors.Add(textField, $"unknown merge field{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"{{{u}}}"))}: neither a standard field (number, name, firstName, lastName) nor a field any contact of the account has");
        var groupIds = (request.Groups ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Distinct().ToList();
        if (groupIds.Count == 0)
            errors.Add("groups", "at least one group");
        else if (await groups.MissingAsync(accountId, groupIds, ct) is { Count: > 0 } missing)
            errors.Add("groups", $"no such group: {string.Join(", ", missing)}");
        var limits = (await moderation.UsageAsync(accountId, ct)).Limits;
        if (request.MessagesPerSecond is not { } rate)
            errors.Add("messagesPerSecond", "required: how many messages a second the campaign sends");
        else if (rate < 1)
            errors.Add("messagesPerSecond", "at least 1");
        else if (rate > limits.MessagesPerSecond)
            errors.Add("messagesPerSecond", $"{rate} is above the account's limit of {limits.MessagesPerSecond} messages a second");
        DateTimeOffset? startAt = null;
        if (!StartTime.TryParse(request.StartAt, out startAt))
            errors.Add("startAt", "must be an ISO 8601 time (without an offset it is Europe/Oslo time)");
        else if (StartTime.Refusal(startAt, now) is { } startReason)
            errors.Add("startAt", startReason);
        if (request.Window is { } w && !SendingWindow.TryCreate(w.From, w.To, w.Days, out _, out var windowProblems))
            foreach (var (field, reason) in windowProblems)
                errors.Add(field, reason);
        errors.ThrowIfAny();
        if (sender is not null)
            await senderCheck.CheckAsync(accountId, sender, ct); // refuses another's number or a protected name, naming "from"

        var estimate = await EstimateAsync(accountId, groupIds, merge!, ct);
        if (estimate.Recipients == 0)
            throw new SendRefusedException("groups", "the audience is empty: the groups have no contact that may be texted (none, or all opted out or invalid)");
        var id = "cmp_" + Guid.CreateVersion7().ToString("N");
        var settings = await store.SettingsAsync(accountId, ct);
        var definition = new CampaignDefinition(accountId, name!, sender!.Value, text!, request.TemplateId, groupIds, request.MessagesPerSecond!.Value, startAt,
            request.Window, settings.FrequencyMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null);
        await AskAsync(new CampaignCommands.Create(id, definition, by), ct);
        if (request.TemplateId is { } used)
            await templates.MarkUsedAsync(accountId, used, ct);
        return (id, estimate);
    }

    /// <summary>Recipients, segments and cost per operator route over the groups, read a page at a time (opted-out and invalid numbers left out).</summary>
    public async Task<CampaignEstimate> EstimateAsync(string accountId, IReadOnlyCollection<string> groupIds, MergeTemplate merge, CancellationToken ct = default)
    {
        var estimator = new CampaignEstimator(PriceList.Default);
        string? after = null;
        while (true)
        {
            var page = await contacts.AudiencePageAsync(accountId, groupIds, after, CampaignStore.PageSize, ct);
            if (page.Count == 0)
                break;
            after = page[^1].Id;
            var optedOut = await conversations.OptedOutAsync(accountId, page.Select(c => c.Number).ToList(), ct);
            foreach (var contact in page)
            {
                if (optedOut.Contains(contact.Number) || !MobileNumberParser.TryParse(contact.Number, out var number, out _))
                    continue;
                var text = merge.Fields.Count == 0 ? merge.Render(MergeContact.Nobody)
                    : merge.Render(new MergeContact(contact.Number, contact.Name, contact.FirstName, contact.LastName, ContactStore.FieldsOf(contact)));
                estimator.Add(operators.HomeOperator(number), MessageText.Analyze(text).Segments);
            }
        }
        return estimator.Result();
    }

    /// <summary>Starts it (or holds it, or waits for an admin): the misuse rules judge the campaign as one send.</summary>
    public async Task<CampaignReplies.Info> StartAsync(string accountId, string id, string by, bool byAdmin, CancellationToken ct = default)
    {
        var info = await GetAsync(accountId, id, ct);
        var definition = info.State.Definition!;
        var usage = await moderation.UsageAsync(accountId, ct);
        var estimate = MergeTemplate.TryParse(definition.Text, out var merge, out _)
            ? await EstimateAsync(accountId, definition.GroupIds, merge, ct) : CampaignEstimate.Empty;
        var segments = estimate.Recipients == 0 ? 1 : (int)Math.Ceiling((double)estimate.Segments / estimate.Recipients);
        var hold = MisuseRules.Evaluate(definition.Text, (int)Math.Min(int.MaxValue, estimate.Recipients), segments, usage.MonthSegments, usage.Limits,
            usage.ApprovedDomains.ToHashSet(StringComparer.OrdinalIgnoreCase), usage.Suspended);
        var needsApproval = !byAdmin && (await store.SettingsAsync(accountId, ct)).RequireApproval;
        return await AskAsync(new CampaignCommands.Start(id, by, hold is null ? null : new CampaignHold(hold.Rule.ToWire(), hold.Details, estimate.Recipients), needsApproval), ct);
    }

    public async Task<CampaignReplies.Info> CommandAsync(string accountId, CampaignCommands.IWithCampaignId command, CancellationToken ct = default)
    {
        await GetAsync(accountId, command.CampaignId, ct); // another account's campaign is not found
        return await AskAsync(command, ct);
    }

    /// <summary>A moderator's decision on a held campaign (any account).</summary>
    public Task<CampaignReplies.Info> DecideHoldAsync(string id, bool approve, string moderator, string reason, CancellationToken ct = default) =>
        AskAsync(new CampaignCommands.DecideHold(id, approve, moderator, reason), ct);

    public async Task<CampaignReplies.Info> GetAsync(string accountId, string id, CancellationToken ct = default)
    {
        var info = await AskAsync(new CampaignCommands.Get(id), ct);
        if (!info.State.Exists || info.State.Definition!.AccountId != accountId)
            throw new SendRefusedException("id", $"no campaign '{id}' in this account", RefusalKind.NotFound);
        return info;
    }

    /// <summary>Sends the campaign's text (defaults in its merge fields) to a few numbers; not part of the campaign's counts.</summary>
    public async Task<SendResult> TestAsync(string accountId, string id, IReadOnlyList<string>? numbers, CancellationToken ct = default)
    {
        var definition = (await GetAsync(accountId, id, ct)).State.Definition!;
        if (numbers is not { Count: > 0 })
            throw new SendRefusedException("numbers", "at least one number");
        if (numbers.Count > MaxTestNumbers)
            throw new SendRefusedException("numbers", $"at most {MaxTestNumbers} numbers for a test");
        var text = MergeTemplate.TryParse(definition.Text, out var merge, out _) ? merge.Render(MergeContact.Nobody) : definition.Text;
        return await intake.SendAsync(new SendCommand(accountId, definition.From, numbers, text, null), MessageText.MaxSegments, ct);
    }

    private async Task<CampaignReplies.Info> AskAsync(CampaignCommands.IWithCampaignId command, CancellationToken ct) =>
        await campaigns.ActorRef.Ask<object>(command, AskTimeout, ct) switch
        {
            CampaignReplies.Info info => info,
            CampaignReplies.Refused refused => throw new SendRefusedException(refused.Field, refused.Reason, refused.Kind),
            var other => throw new InvalidOperationException($"unexpected answer from the campaign: {other}"),
        };
}
