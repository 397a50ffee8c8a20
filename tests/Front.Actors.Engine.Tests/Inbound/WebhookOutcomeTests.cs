using System.Net;
using System.Net.Sockets;
using Front.Actors.Engine.Inbound;

namespace Front.Actors.Engine.Tests.Inbound;

public class WebhookOutcomeTests
{
    [Theory]
    [InlineData(200, null)]
    [InlineData(204, null)]
    [InlineData(302, "3xx")]
    [InlineData(404, "4xx")]
    [InlineData(503, "5xx")]
    public void An_answer_is_shown_by_its_status_class(int status, string? shown)
    {
        Assert.Equal(shown, WebhookOutcome.OfStatus((HttpStatusCode)status));
    }

    [Fact]
    public void Exceptions_are_shown_as_classes_never_with_their_words()
    {
        Assert.Equal("timeout", WebhookOutcome.OfException(new TaskCanceledException()));
        Assert.Equal("connection-failed", WebhookOutcome.OfException(new HttpRequestException("Connection refused (10.0.0.5:22)", new SocketException(111))));
        Assert.Equal("refused-address", WebhookOutcome.OfException(new HttpRequestException("x", new WebhookAddressRefusedException("h", "loopback"))));
    }

    [Theory]
    [InlineData("HTTP 503", "5xx")]
    [InlineData("Connection refused (127.0.0.1:6379)", "connection-failed")]
    [InlineData("the webhook rule was removed before it could be delivered", "rule-removed")]
    [InlineData("timeout", "timeout")]
    public void Raw_errors_stored_before_status_classes_are_shown_as_classes(string stored, string shown)
    {
        Assert.Equal(shown, WebhookOutcome.Shown(stored));
    }
}
