using System.Globalization;
using Front.Actors.Domain.Misuse;

namespace Front.Actors.Domain.Tests.Misuse;

public class LinkDetectorTests
{
    [Theory]
    [InlineData("Se https://example.no/tilbud nå", "example.no")]
    [InlineData("Se http://www.Example.no", "example.no")]
    [InlineData("Bestill på www.butikk.no i dag", "butikk.no")]
    [InlineData("Gå til example.no/x for mer", "example.no")]
    [InlineData("Svar på kampanje.shop.example.com.", "kampanje.shop.example.com")]
    [InlineData("Klikk bit.ly/3abc", "bit.ly")]
    [InlineData("Logg inn: evil.ca/x", "evil.ca")]
    [InlineData("Logg inn på evil.ca i dag", "evil.ca")]
    [InlineData("Se www.example.com", "example.com")]
    [InlineData("Gå til EVIL.CA nå", "evil.ca")]
    [InlineData("Pakken venter: dhl-pakke.xyz/spor", "dhl-pakke.xyz")]
    [InlineData("Se www.butikk.unknownending i dag", "butikk.unknownending")]
    [InlineData("Vinn! premie.tk", "premie.tk")]
    [InlineData("Betal på skatt.ru/betal", "skatt.ru")]
    [InlineData("Se example.no:8080/x", "example.no")]
    [InlineData("(se example.no)", "example.no")]
    [InlineData("Se www.example.com.Ha det bra", "example.com")]
    [InlineData("Ring oss eller gå til example.no.", "example.no")]
    [InlineData("Bestill på https://bank.no@evil.ca/login", "evil.ca")]
    [InlineData("Se HTTPS://EXAMPLE.NO/X", "example.no")]
    [InlineData("ftp://files.example.org/a", "files.example.org")]
    [InlineData("Oppdater på http://intranett/login", "intranett")]
    public void Links_are_found_with_their_domain(string text, string domain)
    {
        Assert.Equal(domain, Assert.Single(LinkDetector.Find(text)).Domain);
    }

    [Theory]
    [InlineData("Bank: http://185.1.2.3/x", "185.1.2.3")]
    [InlineData("Bank: https://185.1.2.3:8443", "185.1.2.3")]
    [InlineData("Bank: 185.1.2.3/logg-inn", "185.1.2.3")]
    [InlineData("Bank: 185.1.2.3:8080", "185.1.2.3")]
    [InlineData("Se http://[2001:db8::1]/x", "2001:db8::1")]
    [InlineData("Se http://[2001:DB8:0:0:0:0:0:1]:8080/x", "2001:db8::1")]
    [InlineData("Se http://[::ffff:10.0.0.1]/x", "::ffff:10.0.0.1")]
    public void IP_literal_hosts_are_links_marked_as_addresses(string text, string address)
    {
        var link = Assert.Single(LinkDetector.Find(text));

        Assert.Equal(address, link.Domain);
        Assert.True(link.IsIpAddress);
        Assert.Contains("IP address", link.Describe());
    }

    [Theory]
    [InlineData("Se blåbær.no/x i dag", "blåbær.no")]
    [InlineData("Se blåbær.no i dag", "blåbær.no")]
    [InlineData("Se https://blåbær.no", "blåbær.no")]
    [InlineData("Se www.blåbær.no", "blåbær.no")]
    [InlineData("Se ÆRLIG-ØL.no/x", "ærlig-øl.no")]
    [InlineData("Логин: пример.рф/вход", "пример.рф")]
    [InlineData("Логин: https://пример.рф", "пример.рф")]
    public void Unicode_domains_are_reported_in_their_ascii_form(string text, string unicodeDomain)
    {
        var link = Assert.Single(LinkDetector.Find(text));

        Assert.Equal(new IdnMapping().GetAscii(unicodeDomain), link.Domain);
        Assert.StartsWith("xn--", link.Domain.Split('.')[0]);
        Assert.True(link.IsInternationalized);
        Assert.Contains(unicodeDomain, link.Describe());
    }

    [Theory]
    [InlineData("Se xn--blbr-roah.no/x", "xn--blbr-roah.no")]
    [InlineData("Se xn--blbr-roah.no", "xn--blbr-roah.no")]
    [InlineData("Se https://xn--80ak6aa92e.com/", "xn--80ak6aa92e.com")]
    [InlineData("Se pay.xn--p1ai/x", "pay.xn--p1ai")]
    public void Punycode_domains_are_links(string text, string domain)
    {
        var link = Assert.Single(LinkDetector.Find(text));

        Assert.Equal(domain, link.Domain);
        Assert.True(link.IsInternationalized);
    }

    [Fact]
    public void A_unicode_and_a_punycode_spelling_of_one_domain_are_the_same_domain()
    {
        var unicode = Assert.Single(LinkDetector.Find("blåbær.no/x")).Domain;
        var punycode = Assert.Single(LinkDetector.Find("xn--blbr-roah.no/x")).Domain;

        Assert.Equal(unicode, punycode);
        Assert.True(DomainName.TryNormalize("blåbær.no", out var approved, out _));
        Assert.True(DomainName.IsCoveredBy(unicode, approved));
    }

    public static TheoryData<string> EveryCountryCode => new(TopLevelDomains.CountryCodes);

    [Theory]
    [MemberData(nameof(EveryCountryCode))]
    public void A_bare_domain_is_a_link_on_every_country_code(string tld)
    {
        Assert.Equal($"evil.{tld}", Assert.Single(LinkDetector.Find($"Logg inn på evil.{tld}/x nå")).Domain);
        Assert.Equal($"evil.{tld}", Assert.Single(LinkDetector.Find($"Logg inn på www.evil.{tld} nå")).Domain);
    }

    [Theory]
    [InlineData("com")]
    [InlineData("net")]
    [InlineData("org")]
    [InlineData("info")]
    [InlineData("xyz")]
    [InlineData("top")]
    [InlineData("shop")]
    [InlineData("online")]
    [InlineData("site")]
    [InlineData("app")]
    [InlineData("click")]
    public void A_bare_domain_is_a_link_on_common_generic_endings(string tld)
    {
        Assert.Equal($"evil.{tld}", Assert.Single(LinkDetector.Find($"Logg inn på evil.{tld} nå")).Domain);
    }

    [Fact]
    public void The_internationalized_country_codes_are_the_ascii_forms_of_their_names()
    {
        var names = new[] { "рф", "срб", "укр", "қаз", "бел", "中国", "中國", "香港", "台灣", "台湾", "ελ", "ею", "мкд", "мон", "ไทย", "한국" };

        Assert.Equal(names.Select(n => new IdnMapping().GetAscii(n)).Order(), TopLevelDomains.InternationalizedCountryCodes.Order());
    }

    [Theory]
    [InlineData("Møtet er kl. 10.30 i morgen")]
    [InlineData("Møtet er kl.10.30 i morgen")]
    [InlineData("Det koster ca. 5 kr")]
    [InlineData("Det koster ca.5 kr")]
    [InlineData("Husk f.eks. nøkler, lommebok osv. Mvh. Ola")]
    [InlineData("Husk f.eks.nøkler")]
    [InlineData("Ta med mat, drikke osv.Vi sees")]
    [InlineData("Din kode er 123.456")]
    [InlineData("Prisen er 1.299,50 kr, rabatt 12.5 %")]
    [InlineData("Versjon 2.10.3 er ute")]
    [InlineData("Ring 22.33.44.55 i dag")]
    [InlineData("Datoen er 17.05.2026")]
    [InlineData("Send e-post til ola@example.no")]
    [InlineData("Hei! Vi sees. Ha det")]
    [InlineData("Hei.Ha det")]
    [InlineData("Takk for sist.Se deg")]
    [InlineData("Vi er ferdige.No problem")]
    [InlineData("Velkommen.De andre kommer")]
    [InlineData("Oppgi tlf.nr. og org.nr når du svarer")]
    [InlineData("Oppgi tlf.nr 12345678")]
    [InlineData("Åpent man.-fre. kl. 08-16, bl.a. lørdager")]
    [InlineData("Mvh.Ola/Kari")]
    [InlineData("Hilsen St.Olav")]
    [InlineData("Dette er bra...eller?")]
    public void Ordinary_text_has_no_links(string text)
    {
        Assert.Empty(LinkDetector.Find(text));
    }

    [Fact]
    public void Several_links_are_all_found()
    {
        var links = LinkDetector.Find("Se https://a.example.no/x, b.example.com og 10.0.0.1/y");

        Assert.Equal(["a.example.no", "b.example.com", "10.0.0.1"], links.Select(l => l.Domain));
    }

    [Fact]
    public void Shortened_links_are_marked()
    {
        Assert.True(Assert.Single(LinkDetector.Find("https://tinyurl.com/y7x")).IsShortener);
        Assert.False(Assert.Single(LinkDetector.Find("https://example.no")).IsShortener);
    }
}
