using System.Security.Cryptography;
using System.Text;

namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// A device key as presented by a device or an operator. It travels inside commands only, is never persisted and
/// never printed: <see cref="ToString"/> hides it, so a logged or dead-lettered command shows no secret.
/// </summary>
public sealed record DeviceSecret(string Value)
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    public override string ToString() => "DeviceSecret(***)";
}

/// <summary>Salted SHA-256 of device keys: what a slot stores instead of the key.</summary>
public static class DeviceKeys
{
    /// <summary>A fresh random salt, hex. The caller makes it, so Decide stays pure.</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>hex( SHA-256( salt-bytes || UTF-8 key ) ).</summary>
    public static string Hash(string salt, DeviceSecret key)
    {
        var saltBytes = Convert.FromHexString(salt);
        var keyBytes = Encoding.UTF8.GetBytes(key.Value);
        var input = new byte[saltBytes.Length + keyBytes.Length];
        saltBytes.CopyTo(input, 0);
        keyBytes.CopyTo(input, saltBytes.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>True when <paramref name="key"/> hashes to <paramref name="hash"/> under <paramref name="salt"/>; constant time.</summary>
    public static bool Matches(string salt, string hash, DeviceSecret key) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(salt, key)),
            Encoding.ASCII.GetBytes(hash));
}
