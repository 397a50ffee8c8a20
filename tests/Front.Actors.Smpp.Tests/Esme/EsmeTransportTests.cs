using Akka.TestKit.Xunit2;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using static Front.Actors.Smpp.Tests.Esme.EsmeTestSupport;

namespace Front.Actors.Smpp.Tests.Esme;

/// <summary>The ESME session over an in-memory transport: the session's own behaviour, with no socket in the way.</summary>
public class EsmeTransportTests() : TestKit(TestConfig.Patient)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static async Task<EsmeClient> Bind(EsmeClient client, InMemorySmsc.Link link)
    {
        var bind = await link.ExpectAsync<BindTransceiver>();
        Assert.Equal(("front", "secret"), (bind.SystemId, bind.Password));
        link.Send(bind.CreateResponse());
        await client.WhenBound().WaitAsync(Limit);
        return client;
    }

    /// <summary>Stops the client, answering its unbind as an SMSC would.</summary>
    private static async Task Stop(EsmeClient client, InMemorySmsc.Link link)
    {
        var stopped = client.StopAsync();
        var unbind = await link.ExpectAsync<Unbind>();
        link.Send(unbind.CreateResponse());
        await stopped.WaitAsync(Limit);
    }

    [Fact]
    public async Task Binds_and_submits_over_a_transport_without_a_socket()
    {
        var smsc = new InMemorySmsc();
        var client = EsmeClient.Start(Sys, Settings(port: 1), transport: smsc.Transport());
        var link = await smsc.NextLinkAsync();
        await Bind(client, link);

        var result = client.SubmitAsync(Request(1));
        var submit = await link.ExpectAsync<SubmitSm>();
        link.Send(new SubmitSmResp { SequenceNumber = submit.SequenceNumber, MessageId = "1a2b" });

        Assert.Equal("1a2b", Assert.IsType<SubmitAccepted>(await result.WaitAsync(Limit)).MessageId);
        await Stop(client, link);
    }

    [Fact]
    public async Task A_link_that_cannot_be_opened_is_tried_again_until_one_opens()
    {
        var smsc = new InMemorySmsc();
        var client = EsmeClient.Start(Sys, Settings(port: 1), transport: smsc.Transport(refuse: attempt => attempt <= 2));

        var link = await smsc.NextLinkAsync();
        await Bind(client, link);

        Assert.Equal(3, smsc.Attempts);
        await Stop(client, link);
    }

    [Fact]
    public async Task A_link_the_smsc_closes_is_replaced_and_bound_again()
    {
        var smsc = new InMemorySmsc();
        var client = EsmeClient.Start(Sys, Settings(port: 1), transport: smsc.Transport());
        var first = await smsc.NextLinkAsync();
        await Bind(client, first);

        first.Close();
        var second = await smsc.NextLinkAsync();
        await Bind(client, second);

        Assert.Equal(2, smsc.Attempts);
        await Stop(client, second);
    }
}
