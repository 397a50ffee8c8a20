using System.Security.Cryptography;
using Front.Actors.Engine.Inbound;

namespace Front.Actors.Engine.Tests.Inbound;

public class SecretProtectorTests
{
    private static readonly SecretProtector Protector = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_protected_secret_is_unreadable_and_comes_back_whole()
    {
        var stored = Protector.Protect("hemmelig æøå");

        Assert.StartsWith("enc:v1:", stored);
        Assert.DoesNotContain("hemmelig", stored);
        Assert.Equal("hemmelig æøå", Protector.Unprotect(stored));
    }

    [Fact]
    public void The_same_secret_is_stored_differently_each_time()
    {
        Assert.NotEqual(Protector.Protect("s"), Protector.Protect("s"));
    }

    [Fact]
    public void A_secret_journaled_before_encryption_is_used_as_it_is()
    {
        Assert.Equal(("s3cret", (string?)null), (Protector.Unprotect("s3cret"), Protector.Unprotect(null)));
    }

    [Fact]
    public void Protecting_twice_does_not_wrap_the_ciphertext_again()
    {
        var once = Protector.Protect("s");

        Assert.Equal(once, Protector.Protect(once));
    }

    [Fact]
    public void Another_key_or_an_altered_value_cannot_be_read()
    {
        var stored = Protector.Protect("s")!;
        var other = new SecretProtector(new byte[32]);
        var bytes = Convert.FromBase64String(stored["enc:v1:".Length..]);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(stored));
        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect("enc:v1:" + Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void Without_a_configured_key_one_is_made_in_the_key_file_and_used_again()
    {
        var file = Path.Combine(TempFiles.NewPath("front-actors-key"), "webhook-secret.key");
        var options = new WebhookOptions { SecretKeyFile = file };

        var stored = SecretProtector.FromOptions(options).Protect("s");
        var again = SecretProtector.FromOptions(options).Unprotect(stored);

        Assert.Equal("s", again);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
