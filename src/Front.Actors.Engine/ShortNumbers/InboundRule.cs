using System.Text.Json.Serialization;

namespace Front.Actors.Engine.ShortNumbers;

/// <summary>What to do with an inbound message on a number or keyword, in the order configured.</summary>
/// <remarks>Journaled by name, so members may be reordered.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<InboundRuleKind>))]
public enum InboundRuleKind
{
    /// <summary>Answer the contact with <see cref="InboundRule.Target"/> as the text (through the ordinary outbound checks).</summary>
    AutoReply,
    /// <summary>Send the message on to the mobile number in <see cref="InboundRule.Target"/>.</summary>
    ForwardToNumber,
    /// <summary>POST the message to the URL in <see cref="InboundRule.Target"/>, signed with <see cref="InboundRule.Secret"/>.</summary>
    Webhook,
    /// <summary>
    /// Put the contact in the account's contact group whose id is <see cref="InboundRule.Target"/> (a contact is made for a
    /// new number), store when and how they joined (their consent), and confirm with <see cref="InboundRule.Reply"/> (or
    /// the default text). A later STOPP to the account takes them out again.
    /// </summary>
    SignUp,
}

/// <param name="Reply">A sign-up's confirmation text; null: the default (<see cref="Domain.SignUps.SignUpConfirmation"/>).</param>
public sealed record InboundRule(InboundRuleKind Kind, string Target, string? Secret = null, string? Reply = null);
