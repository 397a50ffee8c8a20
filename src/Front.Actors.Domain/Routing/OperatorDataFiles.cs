using System.Globalization;

namespace Front.Actors.Domain.Routing;

/// <summary>
/// Reads the operator data files: comma-separated, one header row, '#' starts a comment line.
/// <c>number-series.csv</c>: <c>first,last,operator</c> (8-digit national numbers, inclusive);
/// <c>ported-numbers.csv</c>: <c>number,operator</c>. Operator names: Telenor, Telia, Ice (any case).
/// The fields are digits and names, never quoted, so a line split is all the parsing they need.
/// </summary>
public static class OperatorDataFiles
{
    public const string SeriesFile = "number-series.csv";
    public const string PortedFile = "ported-numbers.csv";

    /// <summary>The sample data shipped next to this assembly: every Norwegian mobile range, a few ported numbers.</summary>
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "OperatorData");

    public static OperatorDirectory Load(string directory) =>
        new(ReadSeries(Path.Combine(directory, SeriesFile)), ReadPorted(Path.Combine(directory, PortedFile)));

    public static IReadOnlyList<NumberSeries> ReadSeries(string path) =>
        Read(path, ["first", "last", "operator"], f => new NumberSeries(Number(f[0], "first"), Number(f[1], "last"), Operator(f[2])));

    public static IReadOnlyDictionary<long, Operator> ReadPorted(string path) =>
        File.Exists(path)
            ? Read(path, ["number", "operator"], f => (Number: Number(f[0], "number"), Operator: Operator(f[1]))).ToDictionary(p => p.Number, p => p.Operator)
            : new Dictionary<long, Operator>();

    private static List<T> Read<T>(string path, string[] header, Func<string[], T> row)
    {
        var rows = new List<T>();
        var lineNumber = 0;
        var headerSeen = false;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            var fields = text.Split(',', StringSplitOptions.TrimEntries);
            try
            {
                if (fields.Length != header.Length)
                    throw new FormatException($"expected {header.Length} fields ({string.Join(',', header)}), found {fields.Length}");
                if (!headerSeen)
                {
                    if (!fields.SequenceEqual(header, StringComparer.OrdinalIgnoreCase))
                        throw new FormatException($"the header must be {string.Join(',', header)}");
                    headerSeen = true;
                    continue;
                }
                rows.Add(row(fields));
            }
            catch (FormatException e)
            {
                throw new FormatException($"{Path.GetFileName(path)} line {lineNumber}: {e.Message}", e);
            }
        }
        return rows;
    }

    private static long Number(string value, string field) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 10_000_000 and <= 99_999_999
            ? n
            : throw new FormatException($"{field} must be an 8-digit number, was '{value}'");

    private static Operator Operator(string value) =>
        Enum.TryParse<Operator>(value, ignoreCase: true, out var op) && Enum.IsDefined(op)
            ? op
            : throw new FormatException($"operator must be Telenor, Telia or Ice, was '{value}'");
}
