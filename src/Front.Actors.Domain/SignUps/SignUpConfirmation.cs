namespace Front.Actors.Domain.SignUps;

/// <summary>
/// The reply a contact gets when a sign-up rule has put them in a group and the rule has no text of its own. It says
/// how to leave again, in Norwegian, as the provider's terms want every club message to.
/// </summary>
public static class SignUpConfirmation
{
    /// <summary>The longest confirmation a rule may set: three GSM segments, like an auto-reply.</summary>
    public const int MaxLength = 459;

    public static string Default(string groupName, string? keyword, string ourNumber) =>
        $"Takk! Du er nå med i {groupName}. Send STOPP{(keyword is null ? "" : " " + keyword)} til {ourNumber} for å melde deg av.";
}
