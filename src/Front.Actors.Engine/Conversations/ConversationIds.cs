using System.Security.Cryptography;
using System.Text;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// A conversation's id: one per (account, our number, contact number), the same on every node and after
/// every restart, and safe in a URL without exposing the contact's number.
/// </summary>
public static class ConversationIds
{
    public static string For(string accountId, string ourNumber, string contact) =>
        "c_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}\n{ourNumber}\n{contact}")))[..24];
}
