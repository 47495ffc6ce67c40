namespace CleanAuth.Application.Common.Interfaces;

public enum PasswordVerification
{
    Failed,
    Succeeded,

    /// <summary>The password is right, but the stored hash uses other parameters than the configured ones.</summary>
    SucceededRehashNeeded,
}

/// <summary>
/// Hashes and verifies passwords (Argon2id, PHC strings). Implementations normalize the password (NFKC),
/// bound how many hashes run at once, and throw <see cref="Exceptions.ServiceUnavailableException"/>
/// when too many callers are already waiting.
/// </summary>
public interface IPasswordHasher
{
    Task<string> HashAsync(string password, CancellationToken cancellationToken);

    Task<PasswordVerification> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Spends the same work as a verification against a real hash; used for unknown accounts so timing reveals nothing.</summary>
    Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken);

    /// <summary>
    /// True when a hash asked for now would be refused (every slot busy, the queue full): the caller sheds its request, a
    /// 503 with <paramref name="retryAfter"/>, before it does any other work, and it is counted as shed. A few reads, no
    /// allocation and no exception, so a flood of refusals costs little. A hint, not a reservation: a hash asked for a
    /// moment later may still be refused.
    /// </summary>
    bool ShouldShed(out TimeSpan retryAfter);
}
