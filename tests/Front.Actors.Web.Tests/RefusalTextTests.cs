using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>
/// The API refuses in English; the pages show the common refusals in bokmål (wwwroot/app/js/texts/refusals.js, run in the
/// browser) and the rest as the API wrote them, marked as English.
/// </summary>
[Collection(WebCollection.Name)]
public class RefusalTextTests(WebFixture web)
{
    /// <summary>Reasons as the API's code words them, each with the bokmål the pages show.</summary>
    public static readonly (string Reason, string Norwegian)[] Known =
    [
        ("required", "Må fylles ut."),
        ("required: how many messages a second the campaign sends", "Må fylles ut."),
        ("a sender is required", "Må fylles ut."),
        ("at most 100 characters", "Høyst 100 tegn."),
        ("must be at most 200 characters", "Høyst 200 tegn."),
        ("at least 12 characters", "Minst 12 tegn."),
        ("must be a number", "Må være et tall."),
        ("must be a whole number", "Må være et helt tall."),
        ("must be a string", "Må være tekst."),
        ("must be a list", "Må være en liste."),
        ("must be true or false", "Må være ja eller nei."),
        ("must be from 1 to 10000", "Må være fra 1 til 10000."),
        ("at least 1", "Minst 1."),
        ("no such group: g1, g2", "Finner ikke gruppen: g1, g2."),
        ("no group 'g7' in this account", "Finner ikke gruppen g7 i denne kontoen."),
        ("at least one group", "Velg minst én gruppe."),
        ("500 is above the account's limit of 100 messages a second", "500 er over kontoens grense på 100 meldinger i sekundet."),
        ("2020-01-01 09:00 (Europe/Oslo 2020-01-01 10:00) is in the past", "Starttiden 2020-01-01 10:00 er allerede passert."),
        ("must be an ISO 8601 time (without an offset it is Europe/Oslo time)", "Må være et tidspunkt (norsk tid)."),
        ("must be a time as HH:mm (Europe/Oslo)", "Må være et klokkeslett som TT:MM."),
        ("a campaign needs a name", "Kampanjen trenger et navn."),
        ("give the text or a templateId", "Skriv en tekst eller velg en mal."),
        ("unknown merge field {ukjent}: neither a standard field (number, name, firstName, lastName) nor a field any contact of the account has",
            "Ukjent flettefelt {ukjent}: verken et standardfelt eller et felt noen kontakt har."),
        ("an alphanumeric sender is at most 11 characters, 'Altforlangtnavn' has 15", "Et avsendernavn kan ha høyst 11 tegn; «Altforlangtnavn» har 15."),
        ("not a valid number", "Ikke et gyldig mobilnummer."),
        ("no account 'finnes-ikke'", "Kontoen finnes-ikke finnes ikke."),
        ("a rejection needs a reason the customer will see", "En avvisning trenger en begrunnelse kunden ser."),
        ("must use https", "Må være en https-adresse."),
        ("no group 'g7' in this account: give the id of one of its contact groups", "Finner ikke gruppen g7 i denne kontoen."),
        ("a keyword is 1 to 20 letters or digits, without spaces", "Et kodeord er 1 til 20 bokstaver eller sifre, uten mellomrom."),
        ("must be a 4–5 digit short number or a mobile number", "Må være et kortnummer på 4–5 sifre eller et mobilnummer."),
        ("the id of the contact group people join is required", "Velg gruppen de blir med i."),
        ("the confirmation is 1 to 459 characters, or left out for the default", "Bekreftelsen er 1 til 459 tegn, eller tom for standardteksten."),
        ("not this account's number or keyword", "Nummeret eller kodeordet er ikke denne kontoens."),
        ("the keyword has 5 rules already, the most it may have", "Kodeordet har allerede 5 regler, så mange det kan ha."),
        ("the keyword has no sign-up to this group", "Kodeordet har ingen påmelding til denne gruppen."),
        ("you hold no role on account 'annen'", "Du har ingen rolle på kontoen annen."),
        ("your roles do not allow that", "Rollene dine gir ikke lov til dette."),
    ];

    private static async Task<IPage> PageAsync(WebFixture web, string lang)
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/app/sign-in");
        await page.EvaluateAsync($"() => localStorage.setItem('front.lang', '{lang}')");
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        return page;
    }

    private static async Task<List<(string Text, string Lang)>> TranslateAsync(IPage page, IEnumerable<string> reasons) =>
        (await page.EvaluateAsync<JsonElement>("async (reasons) => { const m = await import('/app/js/i18n.js'); return reasons.map(r => m.refusal(r)); }", reasons.ToArray()))
            .EnumerateArray().Select(r => (r.GetProperty("text").GetString()!, r.GetProperty("lang").GetString()!)).ToList();

    [ChromiumFact]
    public async Task Known_refusals_are_shown_in_norwegian_and_others_in_english_marked_as_english()
    {
        var page = await PageAsync(web, "nb");

        var known = await TranslateAsync(page, Known.Select(k => k.Reason));
        var unknown = await TranslateAsync(page, ["the multipart body has no boundary"]);

        Assert.Equal(Known.Select(k => (k.Norwegian, "nb")), known);
        Assert.Equal([("the multipart body has no boundary", "en")], unknown);
        await page.Context.CloseAsync();

        var english = await PageAsync(web, "en");
        Assert.Equal([("at least one group", "en")], await TranslateAsync(english, ["at least one group"]));
        await english.Context.CloseAsync();
    }

    /// <summary>The refusals a bad campaign really gets from the API are all known, so a change of wording there is caught here.</summary>
    [ChromiumFact]
    public async Task Every_refusal_of_a_bad_campaign_from_the_api_is_shown_in_norwegian()
    {
        var response = await web.Host.Client(WebHost.ApiKey).PostAsJsonAsync("/api/v1/campaigns",
            new { name = "", from = "Altforlangtnavn", text = "Hei {ukjent}", groups = new[] { "finnes-ikke" }, messagesPerSecond = 99999, startAt = "2020-01-01T10:00" });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .SelectMany(f => f.Value.EnumerateArray().Select(r => (Field: f.Name, Reason: r.GetString()!))).ToList();
        var page = await PageAsync(web, "nb");

        var shown = await TranslateAsync(page, errors.Select(e => e.Reason));

        Assert.Equal(["from", "groups", "messagesPerSecond", "name", "startAt", "text"], errors.Select(e => e.Field).Distinct().Order());
        Assert.All(errors.Zip(shown, (e, s) => (e.Field, e.Reason, s.Lang)), x => Assert.True(x.Lang == "nb", $"{x.Field}: '{x.Reason}' has no Norwegian text"));
        await page.Context.CloseAsync();
    }

    /// <summary>The shared display: a field's reason in its slot, a field without a slot named in the form's general slot, English marked.</summary>
    [ChromiumFact]
    public async Task The_field_error_display_names_the_field_and_marks_english_reasons()
    {
        var page = await PageAsync(web, "nb");
        await page.EvaluateAsync("""
            async () => {
              const { showApiErrors } = await import('/app/js/field-errors.js');
              const { ApiError } = await import('/app/js/api.js');
              const form = document.createElement('form');
              form.id = 'probe';
              form.innerHTML = '<input name="name"><p data-error-for="name"></p><p data-error-for="_form"></p>';
              document.body.append(form);
              showApiErrors(form, new ApiError(400, { errors: { name: ['at most 100 characters'], messagesPerSecond: ['the multipart body has no boundary'] } }), '');
            }
            """);

        await Expect(page.Locator("#probe [data-error-for=name]")).ToHaveTextAsync("Høyst 100 tegn.");
        await Expect(page.Locator("#probe [data-error-for=_form]")).ToHaveTextAsync("Meldinger per sekund: the multipart body has no boundary");
        await Expect(page.Locator("#probe [data-error-for=_form] span[lang=en]")).ToHaveTextAsync("the multipart body has no boundary");
        await Expect(page.Locator("#probe input[name=name]")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Context.CloseAsync();
    }
}
