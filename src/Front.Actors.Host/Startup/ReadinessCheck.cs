using Akka.Actor;
using Akka.Cluster;
using Front.Actors.Engine.Pipeline;

namespace Front.Actors.Host.Startup;

/// <summary><c>GET /health/ready</c>: the node is an Up member of the cluster and every bind is bound.</summary>
public static class ReadinessCheck
{
    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/ready", (ActorSystem system, OperatorBinds operatorBinds) =>
        {
            var cluster = Cluster.Get(system);
            var up = cluster.SelfMember.Status == MemberStatus.Up;
            var binds = operatorBinds.All.Select(b => new { name = b.Name, @operator = b.Operator.ToString().ToLowerInvariant(), state = b.State.ToString().ToLowerInvariant() }).ToList();
            var ready = up && operatorBinds.AllUp;
            return Results.Json(new { ready, cluster = cluster.SelfMember.Status.ToString().ToLowerInvariant(), binds },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
