namespace Front.Actors.Domain.Numbers;

/// <summary>A recipient's mobile number in E.164 (e.g. +4791234567), checked to be a valid mobile number.</summary>
public sealed record MobileNumber
{
    private MobileNumber(string e164, int countryCode, string nationalNumber)
    {
        E164 = e164;
        CountryCode = countryCode;
        NationalNumber = nationalNumber;
    }

    public string E164 { get; }
    public int CountryCode { get; }
    public string NationalNumber { get; }

    public bool IsNorwegian => CountryCode == 47;

    /// <summary>The address as SMPP carries it for TON 1 (international): the digits without '+'.</summary>
    public string SmppAddress => E164[1..];

    internal static MobileNumber Create(int countryCode, string nationalNumber) =>
        new($"+{countryCode}{nationalNumber}", countryCode, nationalNumber);

    public override string ToString() => E164;
}
