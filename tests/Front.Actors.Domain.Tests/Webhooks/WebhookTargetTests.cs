using Front.Actors.Domain.Webhooks;

namespace Front.Actors.Domain.Tests.Webhooks;

public class WebhookTargetTests
{
    private static string? Refusal(string url, bool allowHttp = false, bool allowLoopback = false) =>
        WebhookTarget.TryParse(url, allowHttp, new AddressPolicy(allowLoopback), out _, out var reason) ? null : reason;

    [Theory]
    [InlineData("https://hooks.example.no/sms")]
    [InlineData("https://hooks.example.no:8443/sms?x=1")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    [InlineData("https://blåbær.no/hook")]
    public void Public_https_targets_are_accepted(string url)
    {
        Assert.Null(Refusal(url));
    }

    [Theory]
    [InlineData("http://hooks.example.no/sms")]
    [InlineData("ftp://hooks.example.no/sms")]
    [InlineData("hooks.example.no/sms")]
    [InlineData("")]
    public void Only_https_is_accepted_by_default(string url)
    {
        Assert.NotNull(Refusal(url));
    }

    [Fact]
    public void Plain_http_is_accepted_when_allowed()
    {
        Assert.Null(Refusal("http://hooks.example.no/sms", allowHttp: true));
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.0.0.1:8080/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.20.0.5/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://100.64.1.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:169.254.169.254]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0x7f000001/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://LOCALHOST./hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://metadata/hook")]
    [InlineData("https://metadata.google.internal/hook")]
    [InlineData("https://printer.local/hook")]
    public void Local_private_link_local_and_metadata_hosts_are_refused(string url)
    {
        Assert.NotNull(Refusal(url, allowHttp: true));
    }

    [Fact]
    public void Credentials_in_the_url_are_refused()
    {
        Assert.Contains("password", Refusal("https://user:pw@hooks.example.no/"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://[::1]:5000/hook")]
    [InlineData("http://localhost:5000/hook")]
    public void Loopback_targets_are_accepted_when_local_mode_allows_them(string url)
    {
        Assert.Null(Refusal(url, allowHttp: true, allowLoopback: true));
    }

    [Fact]
    public void Allowing_loopback_still_refuses_private_and_metadata_addresses()
    {
        Assert.NotNull(Refusal("http://169.254.169.254/", allowHttp: true, allowLoopback: true));
        Assert.NotNull(Refusal("http://10.0.0.1/", allowHttp: true, allowLoopback: true));
    }
}
