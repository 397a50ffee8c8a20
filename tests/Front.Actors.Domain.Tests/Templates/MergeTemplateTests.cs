using Front.Actors.Domain.Templates;

namespace Front.Actors.Domain.Tests.Templates;

public class MergeTemplateTests
{
    private static readonly MergeContact Kari = new("+4791234567", null, "Kari", "Nordmann", new Dictionary<string, string> { ["Kundenr"] = "17" });

    private static MergeTemplate Parse(string text)
    {
        Assert.True(MergeTemplate.TryParse(text, out var template, out var reason), reason);
        return template;
    }

    [Theory]
    [InlineData("Hei {firstName|kunde}!", "Hei Kari!")]
    [InlineData("Hei {fornavn}!", "Hei Kari!")]
    [InlineData("Hei {name}, nr {kundenr}", "Hei Kari Nordmann, nr 17")]
    [InlineData("{ Last Name }", "Nordmann")]
    [InlineData("Til {number}", "Til +4791234567")]
    [InlineData("{{ikke felt}}", "{ikke felt}")]
    public void Fields_are_filled_from_the_contact(string text, string expected) =>
        Assert.Equal(expected, Parse(text).Render(Kari));

    [Fact]
    public void A_contact_without_the_field_gets_the_default_or_nothing()
    {
        var template = Parse("Hei {firstName|kunde}! {by}.");

        Assert.Equal("Hei kunde! .", template.Render(MergeContact.Nobody));
        Assert.Equal("Hei kunde! .", template.Render(Kari with { FirstName = " " }));
    }

    [Fact]
    public void A_default_may_be_empty_or_hold_spaces()
    {
        Assert.Equal("Hei !", Parse("Hei {firstName|}!").Render(MergeContact.Nobody));
        Assert.Equal("Hei kjære kunde!", Parse("Hei {firstName|kjære kunde}!").Render(MergeContact.Nobody));
    }

    [Theory]
    [InlineData("Hei {firstName", "not closed")]
    [InlineData("Hei {first{Name}}", "not closed")]
    [InlineData("Hei }", "closes no merge field")]
    [InlineData("Hei {|kunde}", "needs a name")]
    [InlineData("", "empty")]
    public void Broken_templates_say_why(string text, string reason)
    {
        Assert.False(MergeTemplate.TryParse(text, out _, out var why));
        Assert.Contains(reason, why);
    }

    [Fact]
    public void Fields_that_are_neither_standard_nor_carried_by_any_contact_are_unknown_even_with_a_default()
    {
        var template = Parse("{fornavn} {kundenr} {Kunde Nr} {bonus|0}");

        Assert.Equal(["bonus"], template.UnknownFields(["KundeNr"]));
    }
}

public class RenderingTests
{
    [Fact]
    public void The_worst_rendering_is_the_one_with_more_segments_then_the_longer_text()
    {
        var shortGsm = Rendering.Of("Hei Ola!");
        var longGsm = Rendering.Of("Hei Kristoffer!");
        var emoji = Rendering.Of("Hei 😀");

        Assert.Equal(("gsm7", 1), (shortGsm.Encoding, shortGsm.Segments));
        Assert.Equal("ucs2", emoji.Encoding);
        Assert.Same(longGsm, Rendering.Worst(shortGsm, longGsm));
        Assert.Equal(2, Rendering.Of(new string('a', 161)).Segments);
        Assert.Same(longGsm, Rendering.Worst(longGsm, emoji));
    }

    [Fact]
    public void The_opt_out_footer_names_the_keyword_in_capitals_and_the_short_number()
    {
        var text = OptOutFooter.Append("Tilbud i dag! ", OptOutFooter.ForKeyword("demo", "2401"));

        Assert.Equal("Tilbud i dag!\nReservér deg: send STOPP DEMO til 2401", text);
        Assert.Equal("gsm7", Rendering.Of(text).Encoding);
    }
}
