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
    public void Links_are_found_with_their_domain(string text, string domain)
    {
        Assert.Equal(domain, Assert.Single(LinkDetector.Find(text)).Domain);
    }

    [Theory]
    [InlineData("Møtet er kl. 10.30 i morgen")]
    [InlineData("Husk f.eks. nøkler, lommebok osv. Mvh. Ola")]
    [InlineData("Din kode er 123.456")]
    [InlineData("Send e-post til ola@example.no")]
    [InlineData("Hei! Vi sees. Ha det")]
    public void Ordinary_text_has_no_links(string text)
    {
        Assert.Empty(LinkDetector.Find(text));
    }

    [Fact]
    public void Shortened_links_are_marked()
    {
        Assert.True(Assert.Single(LinkDetector.Find("https://tinyurl.com/y7x")).IsShortener);
        Assert.False(Assert.Single(LinkDetector.Find("https://example.no")).IsShortener);
    }
}
