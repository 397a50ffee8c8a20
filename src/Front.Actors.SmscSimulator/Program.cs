using System.Runtime.InteropServices;
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

var system = ActorSystem.Create("smsc-simulator", ConfigurationFactory.ParseString("""
    akka.loglevel = INFO
    akka.loggers = ["Akka.Event.StandardOutLogger, Akka"]
    """));
var options = commandLine.Options;
var smsc = await SmscSimulator.StartAsync(system, options);
var credentials = options.Credentials is null ? "any credentials" : $"{options.Credentials.Count} configured credentials";
Console.WriteLine($"SMSC simulator listening on {smsc.Host}:{smsc.Port} (system_id {options.SystemId}, {credentials})");

// Ctrl+C and SIGTERM both end the wait below, so the simulator unbinds its sessions before exiting.
var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var timer = new PeriodicTimer(commandLine.StatsInterval);
try
{
    while (await timer.WaitForNextTickAsync(stop.Token))
        Console.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {smsc.Counters}");
}
catch (OperationCanceledException)
{
}
await smsc.StopAsync();
Console.WriteLine($"stopped: {smsc.Counters}");
await system.Terminate();
return 0;
