using System.Security.Cryptography;
using System.Text;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// Encrypts webhook secrets before they are journaled (so the journal and snapshots hold only ciphertext) and
/// decrypts them just before a call is signed. AES-256-GCM with a key from configuration rather than ASP.NET
/// Core Data Protection: the engine project does not depend on ASP.NET Core, and one configured key is easy to
/// give every node of a cluster. A value without the prefix is a secret journaled before encryption existed
/// and is used as it is, so older journals still load.
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "enc:v1:";
    private const int NonceSize = 12, TagSize = 16;
    private readonly byte[] _key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != 32)
            throw new ArgumentException("the webhook secret key must be 32 bytes (base64 of 32 random bytes)", nameof(key));
        _key = key;
    }

    public static bool IsProtected(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public string? Protect(string? secret)
    {
        if (secret is null || IsProtected(secret))
            return secret;
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">The value was encrypted with another key, or altered.</exception>
    public string? Unprotect(string? value)
    {
        if (!IsProtected(value))
            return value;
        var sealedBytes = Convert.FromBase64String(value![Prefix.Length..]);
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new CryptographicException("the protected secret is too short");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The configured key, or the one in the key file (made, readable by this user only, on first use).</summary>
    public static SecretProtector FromOptions(WebhookOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SecretKey))
        {
            try
            {
                return new SecretProtector(Convert.FromBase64String(options.SecretKey.Trim()));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidOperationException("Webhooks:SecretKey must be base64 of 32 random bytes (openssl rand -base64 32)", e);
            }
        }
        var path = Path.GetFullPath(options.SecretKeyFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new FileStream(path, create);
            file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return new SecretProtector(key);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made before (or by another host starting at the same moment): use it.
            return new SecretProtector(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }
    }
}
