namespace Front.Actors.Benchmarks;

/// <summary>The benchmarks' few options: <c>--name value</c> pairs after the mode.</summary>
internal static class CommandLineOptions
{
    public static string? Option(this string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static int IntOption(this string[] args, string name, int fallback) => args.Option(name) is { } value ? int.Parse(value) : fallback;

    public static int[] IntsOption(this string[] args, string name, string fallback) =>
        (args.Option(name) ?? fallback).Split(',').Select(int.Parse).ToArray();
}
