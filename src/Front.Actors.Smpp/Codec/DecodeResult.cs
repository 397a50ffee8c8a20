using System.Diagnostics.CodeAnalysis;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Codec;

/// <summary>One decoded frame: a PDU, or the reason it was refused. Decoding never throws.</summary>
public readonly record struct DecodeResult
{
    private DecodeResult(Pdu? pdu, DecodeFailure? failure)
    {
        Pdu = pdu;
        Failure = failure;
    }

    public Pdu? Pdu { get; }
    public DecodeFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Pdu))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Pdu is not null;

    public static DecodeResult Success(Pdu pdu) => new(pdu, null);
    public static DecodeResult Failed(DecodeFailure failure) => new(null, failure);

    public override string ToString() => IsSuccess ? Pdu.ToString() : Failure.ToString();
}
