using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator.Tests;

/// <summary>Binds, session state rules, enquire_link, unbind and stopping, over real TCP with a bare SMPP client.</summary>
public class SessionTests : SimulatorTestBase
{
    [Theory]
    [InlineData("front", "secret", CommandStatus.Ok)]
    [InlineData("front", "wrong", CommandStatus.InvalidPassword)]
    [InlineData("stranger", "secret", CommandStatus.InvalidSystemId)]
    public async Task Binds_are_checked_against_the_configured_credentials(string systemId, string password, CommandStatus expected)
    {
        using var esme = await RawEsme.ConnectAsync(Smsc.Port);

        var response = await esme.RequestAsync<BindTransceiverResp>(new BindTransceiver { SystemId = systemId, Password = password });

        Assert.Equal(expected, response.Status);
        Assert.Equal(expected == CommandStatus.Ok ? "SIMSMSC" : "", response.SystemId);
        Assert.Equal(expected == CommandStatus.Ok ? (1, 0) : (0, 1), (Smsc.Counters.BindsAccepted, Smsc.Counters.BindsRejected));
    }

    [Fact]
    public async Task Any_credentials_are_accepted_when_none_are_configured()
    {
        Smsc.Configure(o => o with { Credentials = null });
        using var esme = await RawEsme.ConnectAsync(Smsc.Port);

        var response = await esme.RequestAsync<BindTransmitterResp>(new BindTransmitter { SystemId = "anyone", Password = "x" });

        Assert.Equal(CommandStatus.Ok, response.Status);
    }

    [Fact]
    public async Task Receiver_and_transmitter_binds_are_answered_with_their_own_response_types()
    {
        using var receiver = await RawEsme.ConnectAsync(Smsc.Port);
        using var transmitter = await RawEsme.ConnectAsync(Smsc.Port);

        Assert.Equal(CommandStatus.Ok, (await receiver.RequestAsync<BindReceiverResp>(new BindReceiver { SystemId = "front", Password = "secret" })).Status);
        Assert.Equal(CommandStatus.Ok, (await transmitter.RequestAsync<BindTransmitterResp>(new BindTransmitter { SystemId = "front", Password = "secret" })).Status);
        await Smsc.WhenSessionsBound(2).WaitAsync(Limit);
        Assert.Equal(2, Smsc.Counters.ActiveSessions);
    }

    [Fact]
    public async Task A_second_bind_on_a_bound_link_is_refused_as_already_bound()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        var response = await esme.RequestAsync<BindTransceiverResp>(new BindTransceiver { SystemId = "front", Password = "secret" });

        Assert.Equal(CommandStatus.AlreadyBound, response.Status);
    }

    [Fact]
    public async Task Requests_before_bind_are_refused_with_incorrect_bind_status()
    {
        using var esme = await RawEsme.ConnectAsync(Smsc.Port);

        Assert.Equal(CommandStatus.IncorrectBindStatus, (await esme.RequestAsync<SubmitSmResp>(SimulatorTestSupport.Submit())).Status);
        Assert.Equal(CommandStatus.IncorrectBindStatus, (await esme.RequestAsync<EnquireLinkResp>(new EnquireLink())).Status);
        Assert.Equal(CommandStatus.IncorrectBindStatus, (await esme.RequestAsync<UnbindResp>(new Unbind())).Status);
        // The link is still open for a bind.
        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<BindTransceiverResp>(new BindTransceiver { SystemId = "front", Password = "secret" })).Status);
    }

    [Fact]
    public async Task Submit_on_a_receiver_bind_is_refused_with_incorrect_bind_status()
    {
        using var esme = await RawEsme.ConnectAsync(Smsc.Port);
        await esme.RequestAsync<BindReceiverResp>(new BindReceiver { SystemId = "front", Password = "secret" });

        Assert.Equal(CommandStatus.IncorrectBindStatus, (await esme.RequestAsync<SubmitSmResp>(SimulatorTestSupport.Submit())).Status);
        Assert.Empty(Smsc.AcceptedSubmits);
    }

    [Fact]
    public async Task Enquire_link_and_unbind_are_answered_and_unbind_closes_the_link()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<EnquireLinkResp>(new EnquireLink())).Status);
        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<UnbindResp>(new Unbind())).Status);
        await esme.Closed.WaitAsync(Limit);

        Assert.Equal(1, Smsc.Counters.EnquireLinksAnswered);
        await AwaitAssertAsync(() => Assert.Equal(0, Smsc.Counters.ActiveSessions), Limit);
    }

    [Fact]
    public async Task Stop_unbinds_bound_sessions()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);
        await Smsc.WhenSessionsBound(1).WaitAsync(Limit);

        var stopping = Smsc.StopAsync();
        var unbind = await esme.ExpectAsync<Unbind>();
        await esme.SendAsync(unbind.CreateResponse());
        await stopping.WaitAsync(Limit);

        await esme.Closed.WaitAsync(Limit);
    }

    [Fact]
    public async Task Stop_cuts_a_session_that_never_answers_the_unbind()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        await Smsc.StopAsync().WaitAsync(Limit);

        await esme.ExpectAsync<Unbind>();
        await esme.Closed.WaitAsync(Limit);
    }

    [Fact]
    public async Task Drop_all_links_cuts_every_connection_bound_or_not()
    {
        using var one = await RawEsme.BoundAsync(Smsc.Port);
        using var two = await RawEsme.BoundAsync(Smsc.Port);
        using var unbound = await RawEsme.ConnectAsync(Smsc.Port);
        await Smsc.WhenSessionsBound(2).WaitAsync(Limit);
        await AwaitAssertAsync(() => Assert.Equal(3, Smsc.Counters.Connections), Limit);

        Smsc.DropAllLinks();

        await Task.WhenAll(one.Closed, two.Closed, unbound.Closed).WaitAsync(Limit);
        Assert.Equal(3, Smsc.Counters.LinksDropped);
        await AwaitAssertAsync(() => Assert.Equal(0, Smsc.Counters.ActiveSessions), Limit);
    }

    [Fact]
    public async Task When_sessions_bound_completes_once_enough_sessions_are_bound()
    {
        var two = Smsc.WhenSessionsBound(2);
        using var first = await RawEsme.BoundAsync(Smsc.Port);
        Assert.False(two.IsCompleted);

        using var second = await RawEsme.BoundAsync(Smsc.Port);

        await two.WaitAsync(Limit);
    }
}
