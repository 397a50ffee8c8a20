using Front.Actors.Host.Api;
using Front.Actors.Host.Api.Keys;
using Front.Actors.Host.Dashboard;
using Front.Actors.Host.Hubs;
using Front.Actors.Host.LocalMode;
using Front.Actors.Host.Startup;
using Front.Actors.Host.Web;

var builder = WebApplication.CreateBuilder(args);
ThreadPoolFloor.Apply(builder.Configuration);
builder.Services.AddFrontActors(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseTrustedProxies(); // before anything reads the client's address
app.UseWebAssets();
app.UseAuthentication();
app.UseCallerAccountPaths(); // the short paths act on the caller's account: rewritten before routing
app.UseRouting();
app.UseAntiForgeryHeader();
app.UseApiKeyChecks();
app.UseAuthorization();
app.MapMessages();
app.MapAudit();
app.MapModeration();
app.MapKeys();
app.MapNumbers();
app.MapSenders();
app.MapOptOuts();
app.MapContacts();
app.MapContactImports();
app.MapContactGroups();
app.MapTemplates();
app.MapCampaigns();
app.MapConversations();
app.MapInbound();
app.MapKeywordQr();
app.MapSignUps();
app.MapAgents();
app.MapSignIn();
app.MapWebSession();
app.MapWebPages();
app.MapUsers();
app.MapOrganizations();
app.MapDashboard(); // the dashboard's figures and the rules read-back (web app)
app.MapOpenApi(ApiDocument.Path);
if (LocalModeOptions.IsEnabled(app.Configuration))
{
    // Local mode only: injecting inbound messages, and the API reference to browse (the document itself is always served).
    app.MapSimulator();
    app.UseSwaggerUI(options =>
    {
        options.RoutePrefix = "api-reference";
        options.SwaggerEndpoint(ApiDocument.Path, "Front.Actors gateway API");
    });
}
app.MapReadiness();
app.MapHub<MessagesHub>("/hubs/messages");
app.MapHub<ModerationHub>("/hubs/moderation");
app.MapHub<InboxHub>("/hubs/inbox");
app.MapHub<CampaignsHub>("/hubs/campaigns");
app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
