using System.Net;
using Front.Actors.Domain.Webhooks;

namespace Front.Actors.Domain.Tests.Webhooks;

public class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("240.0.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("198.18.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2001:0:4136:e378::1")]
    [InlineData("2001:db8::1")]
    public void Addresses_that_are_not_public_unicast_are_refused(string address)
    {
        Assert.NotNull(AddressPolicy.Strict.Refuse(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("193.75.75.75")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2a00:1450:400f:80d::200e")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    public void Public_unicast_addresses_are_allowed(string address)
    {
        Assert.Null(AddressPolicy.Strict.Refuse(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_is_allowed_only_when_the_policy_says_so(string address)
    {
        Assert.Null(new AddressPolicy(AllowLoopback: true).Refuse(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    public void Allowing_loopback_allows_nothing_else(string address)
    {
        Assert.NotNull(new AddressPolicy(AllowLoopback: true).Refuse(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_reason_names_the_kind_of_address()
    {
        Assert.Contains("metadata", AddressPolicy.Strict.Refuse(IPAddress.Parse("169.254.169.254")));
        Assert.Contains("loopback", AddressPolicy.Strict.Refuse(IPAddress.Parse("::ffff:127.0.0.1")));
    }
}
