namespace Front.Actors.Domain.Text;

/// <summary>
/// The concatenation information element of a User Data Header: which long message a part belongs to
/// (<see cref="Reference"/>), how many parts it has and which one this is (both counted from 1).
/// </summary>
public readonly record struct ConcatenationInfo(ushort Reference, byte Total, byte Sequence, bool Is16BitReference = false);
