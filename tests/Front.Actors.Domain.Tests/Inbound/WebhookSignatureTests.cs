using System.Security.Cryptography;
using System.Text;
using Front.Actors.Domain.Inbound;

namespace Front.Actors.Domain.Tests.Inbound;

public class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"text":"Hei æøå"}""");

    [Fact]
    public void The_signature_is_hmac_sha256_over_time_dot_body()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes("1700000000.").Concat(Body).ToArray()));

        Assert.Equal($"t=1700000000,v1={expected}", WebhookSignature.Sign("s3cret", 1_700_000_000, Body));
    }

    [Fact]
    public void A_fresh_signature_verifies()
    {
        var header = WebhookSignature.Sign("s3cret", 1_700_000_000, Body);

        Assert.True(WebhookSignature.Verify("s3cret", header, Body, 1_700_000_030, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_changed_body_a_wrong_secret_an_old_time_or_a_garbled_header_does_not()
    {
        var header = WebhookSignature.Sign("s3cret", 1_700_000_000, Body);

        Assert.False(WebhookSignature.Verify("s3cret", header, [.. Body, (byte)' '], 1_700_000_000, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("other", header, Body, 1_700_000_000, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret", header, Body, 1_700_000_000 + 301, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret", "t=abc,v1=zz", Body, 1_700_000_000, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret", "", Body, 1_700_000_000, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2_000)]
    [InlineData(2, 4_000)]
    [InlineData(4, 16_000)]
    [InlineData(9, 300_000)]
    [InlineData(60, 300_000)]
    public void Retries_wait_twice_as_long_each_time_up_to_the_cap(int attempt, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetrySchedule.DelayBefore(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)));
    }
}
