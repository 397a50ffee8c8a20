using Front.Actors.Engine.Inbound;

namespace Front.Actors.Engine.Tests.Inbound;

public class AgentRoundRobinTests
{
    [Fact]
    public void Available_agents_take_turns_and_one_who_leaves_is_skipped()
    {
        var roster = new AgentRoundRobin();
        roster.SetAvailable("acme", "kari", true);
        roster.SetAvailable("acme", "ola", true);
        roster.SetAvailable("acme", "per", true);

        var first = new[] { roster.Next("acme"), roster.Next("acme"), roster.Next("acme"), roster.Next("acme") };
        roster.SetAvailable("acme", "ola", false);
        var after = new[] { roster.Next("acme"), roster.Next("acme") };

        Assert.Equal(new string?[] { "kari", "ola", "per", "kari" }, first);
        Assert.DoesNotContain("ola", after);
        Assert.Equal(2, after.Distinct().Count());
    }

    [Fact]
    public void Nobody_available_or_another_accounts_agents_give_no_one()
    {
        var roster = new AgentRoundRobin();
        roster.SetAvailable("other", "kari", true);

        Assert.Null(roster.Next("acme"));
        roster.SetAvailable("acme", "ola", true);
        roster.SetAvailable("acme", "ola", false);
        Assert.Null(roster.Next("acme"));
        Assert.Equal(["kari"], roster.Available("other"));
    }
}
