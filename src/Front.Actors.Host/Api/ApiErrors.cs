namespace Front.Actors.Host.Api;

/// <summary>
/// Every bad field of a request, collected before answering, so the client hears of all of them at once instead of
/// one per round trip. Keys are the JSON names of the fields as the client sent them.
/// </summary>
public sealed class ApiErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
            _errors[field] = reasons = new List<string>();
        reasons.Add(reason);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IResult Problem(int status = 400) => ApiProblems.Fields(status, ToDictionary());
}
