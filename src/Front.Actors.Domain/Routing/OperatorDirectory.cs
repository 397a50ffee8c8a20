using Front.Actors.Domain.Numbers;

namespace Front.Actors.Domain.Routing;

/// <summary>
/// Which operator a Norwegian mobile number belongs to: a ported number's new operator first, else the
/// operator the number's series was allocated to. Numbers outside Norway have no home operator here.
/// </summary>
public sealed class OperatorDirectory
{
    private readonly NumberSeries[] _series;
    private readonly IReadOnlyDictionary<long, Operator> _ported;

    public OperatorDirectory(IEnumerable<NumberSeries> series, IReadOnlyDictionary<long, Operator> ported)
    {
        _series = series.OrderBy(s => s.First).ToArray();
        for (var i = 1; i < _series.Length; i++)
            if (_series[i].First <= _series[i - 1].Last)
                throw new ArgumentException($"number series {_series[i - 1].First}-{_series[i - 1].Last} and {_series[i].First}-{_series[i].Last} overlap");
        _ported = ported;
    }

    public Operator? HomeOperator(MobileNumber number)
    {
        if (!number.IsNorwegian || !long.TryParse(number.NationalNumber, out var national))
            return null;
        if (_ported.TryGetValue(national, out var ported))
            return ported;
        // Binary search for the last series starting at or before the number.
        int low = 0, high = _series.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (_series[mid].First <= national)
                low = mid + 1;
            else
                high = mid - 1;
        }
        return high >= 0 && _series[high].Contains(national) ? _series[high].Operator : null;
    }
}
