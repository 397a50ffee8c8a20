using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>Organizations made by operations with a checked organisasjonsnummer, and their security settings set by their own admins.</summary>
public sealed class OrganizationTests
{
    [Fact]
    public async Task Operations_create_an_organization_with_a_valid_number_only_once_and_list_it()
    {
        await using var host = await RoleMatrixTests.StartAsync();
        var operations = host.Client(await RoleMatrixTests.SignInAsync(host, "operations@provider"));

        var badCheckDigit = await operations.PostAsJsonAsync("/api/v1/organizations", new { name = "Feil AS", organizationNumber = "923609017" });
        var tooShort = await operations.PostAsJsonAsync("/api/v1/organizations", new { name = "Feil AS", organizationNumber = "12345" });
        var created = await operations.PostAsJsonAsync("/api/v1/organizations", new { name = "Acme AS", organizationNumber = "923 609 016" });
        var again = await operations.PostAsJsonAsync("/api/v1/organizations", new { name = "Acme igjen AS", organizationNumber = "923609016" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var account = await operations.PostAsJsonAsync("/api/v1/accounts", new { id = "acme-sms", name = "Acme SMS", organizationId = id });
        var noSuchOrganization = await operations.PostAsJsonAsync("/api/v1/accounts", new { id = "acme-x", name = "Acme X", organizationId = "org_nosuch" });
        var list = await operations.GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var audit = await operations.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=organization");

        foreach (var refused in new[] { badCheckDigit, tooShort })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["organizationNumber"], (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest), (account.StatusCode, noSuchOrganization.StatusCode));
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetString() == id);
        Assert.Equal("923609016", listed.GetProperty("organizationNumber").GetString());
        Assert.Equal(["acme-sms"], listed.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(("organization.create", id, id), (entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString(), entry.GetProperty("organizationId").GetString()));
    }

    [Fact]
    public async Task An_admin_sets_their_organizations_security_and_a_bad_range_is_named()
    {
        await using var host = await RoleMatrixTests.StartAsync();
        var admin = host.Client(await RoleMatrixTests.SignInAsync(host, "admin@demo"));

        var badRange = await admin.PutAsJsonAsync("/api/v1/organizations/org-demo/security", new { requireTwoFactor = true, trustedIpRanges = new[] { "203.0.113.7/24" } });
        var set = await admin.PutAsJsonAsync("/api/v1/organizations/org-demo/security", new { requireTwoFactor = true, trustedIpRanges = new[] { "203.0.113.0/24" } });
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/v1/organizations/org-demo/security");

        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Equal(["trustedIpRanges"], (await badRange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.True(read.GetProperty("requireTwoFactor").GetBoolean());
        Assert.Equal(["203.0.113.0/24"], read.GetProperty("trustedIpRanges").EnumerateArray().Select(r => r.GetString()));
    }
}
