using BenchmarkDotNet.Running;
using Front.Actors.Benchmarks;

// dotnet run -c Release --project tests/Front.Actors.Benchmarks -- session [--messages N] [--windows 1,10,100]
// dotnet run -c Release --project tests/Front.Actors.Benchmarks -- engine [--messages N] [--batch B] [--concurrency C] [--account-rate R] [--bind-rate P]
//     [--smsc-host H --smsc-port P --smsc-system-id S --smsc-password W --window N]   (one external SMSC instead of the built-in simulators)
// dotnet run -c Release --project tests/Front.Actors.Benchmarks -- rates [--rates 50,200,1000] [--seconds 10] [--bind-max 2000]
// dotnet run -c Release --project tests/Front.Actors.Benchmarks -- inbox [--accounts 100] [--connections 1000] [--conversations 10000] [--rates 100,200,400] [--seconds 10]
// dotnet run -c Release --project tests/Front.Actors.Benchmarks -- storage [--messages N] [--batch B]   (the status path's storage floors alone, SQLite)
// dotnet run -c Release --project tests/Front.Actors.Benchmarks -- campaign [--recipients N] [--rates 0,500]   (0: the account's maximum)
// dotnet run -c Release --project tests/Front.Actors.Benchmarks -- codec [BenchmarkDotNet options]
var mode = args.FirstOrDefault() ?? "session";
switch (mode)
{
    case "session":
        await SessionBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "engine":
        await EngineBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "rates":
        await RateBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "inbox":
        await InboxBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "storage":
        await StorageBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "campaign":
        await CampaignBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "codec":
        BenchmarkRunner.Run<CodecBenchmarks>(args: args.Skip(1).ToArray());
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use 'session', 'engine', 'rates', 'inbox', 'storage', 'campaign' or 'codec'");
        return 2;
}
return 0;
