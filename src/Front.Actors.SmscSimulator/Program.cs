using Akka.Actor;
using Akka.Configuration;
using Front.Actors.SmscSimulator;

CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
if (commandLine.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

using var system = ActorSystem.Create("smsc-simulator", ConfigurationFactory.ParseString("akka.loglevel = INFO"));
var options = commandLine.Options;
await using var smsc = await SmscSimulator.StartAsync(system, options);
var credentials = options.Credentials is null ? "any credentials" : $"{options.Credentials.Count} configured credentials";
Console.WriteLine($"SMSC simulator listening on {smsc.Host}:{smsc.Port} (system_id {options.SystemId}, {credentials}); Ctrl+C stops it");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

using var timer = new PeriodicTimer(commandLine.StatsInterval);
try
{
    while (await timer.WaitForNextTickAsync(stop.Token))
        Console.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {smsc.Counters}");
}
catch (OperationCanceledException)
{
}
Console.WriteLine($"stopping: {smsc.Counters}");
return 0;
