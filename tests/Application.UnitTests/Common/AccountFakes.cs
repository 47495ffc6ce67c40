using System.Reflection;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>Builders for the account-lifecycle tests: the caller, the token issuer over substitutes, stored states.</summary>
internal static class AccountFakes
{
    /// <summary>A raw mailed token as a test hands it in; its stored hash is <see cref="TestData.Sha256"/> of it.</summary>
    public const string MailedToken = "mailed-token-from-the-link";

    public static ICurrentUser Caller(Guid userId, Guid? sessionId = null)
    {
        var currentUser = Substitute.For<ICurrentUser>();
        currentUser.IsAuthenticated.Returns(true);
        currentUser.UserId.Returns(userId);
        currentUser.SessionId.Returns(sessionId);
        currentUser.Roles.Returns(["user"]);
        return currentUser;
    }

    public static ICurrentUser Anonymous()
    {
        var currentUser = Substitute.For<ICurrentUser>();
        currentUser.IsAuthenticated.Returns(false);
        currentUser.UserId.Returns((Guid?)null);
        currentUser.SessionId.Returns((Guid?)null);
        currentUser.Roles.Returns([]);
        return currentUser;
    }

    /// <summary>The real issuer over a substituted repository and mailer; new tokens are <see cref="TokenServiceFake.OpaqueToken"/>.</summary>
    public static AccountTokenIssuer Issuer(IAccountTokenRepository tokens, IAccountMailer mailer, AuthOptions? options = null) =>
        new(tokens, TokenServiceFake.Create(), mailer, Options.Create(options ?? new AuthOptions()));

    /// <summary>A user store whose row locks succeed, as they do when nothing changed the user meanwhile.</summary>
    public static IUserRepository LockableUsers()
    {
        var users = Substitute.For<IUserRepository>();
        users.TryLockAsync(Arg.Any<User>(), Arg.Any<CancellationToken>()).Returns(true);
        return users;
    }

    /// <summary>A policy that accepts every password.</summary>
    public static IPasswordPolicy AcceptingPolicy()
    {
        var policy = Substitute.For<IPasswordPolicy>();
        policy.Check(Arg.Any<string>(), Arg.Any<IEnumerable<string?>>()).Returns([]);
        return policy;
    }

    /// <summary>Makes <paramref name="repository"/> find <paramref name="token"/> by the hash of <see cref="MailedToken"/>.</summary>
    public static AccountToken Stored(this IAccountTokenRepository repository, AccountToken token)
    {
        repository.FindAsync(token.Kind, token.TokenHash, Arg.Any<CancellationToken>()).Returns(token);
        return token;
    }

    /// <summary>The real credential guard over a hasher and (by default) a throttle store with no state and turns of its own.</summary>
    public static CredentialGuard Guard(
        IPasswordHasher hasher, TimeProvider clock, ILoginThrottleRepository? throttles = null, LockoutOptions? lockout = null, IAccountMailer? mailer = null,
        PendingEvents? events = null, AttemptTurns? turns = null) =>
        new(hasher, throttles ?? new InMemoryLoginThrottles(), turns ?? new AttemptTurns(), mailer ?? Substitute.For<IAccountMailer>(), events ?? new PendingEvents(),
            Options.Create(lockout ?? new LockoutOptions()), clock);

    /// <summary>A throttle as the repository would load it (its state has no public setters).</summary>
    public static LoginThrottle Throttle(string key, DateTime lastFailureAt, int failedCount = 0, int lockoutCount = 0, DateTime? lockedUntil = null)
    {
        var throttle = new LoginThrottle(key, lastFailureAt);
        Set(throttle, nameof(LoginThrottle.FailedCount), failedCount);
        Set(throttle, nameof(LoginThrottle.LockoutCount), lockoutCount);
        Set(throttle, nameof(LoginThrottle.LockedUntil), lockedUntil);
        return throttle;
    }

    private static void Set(LoginThrottle throttle, string property, object? value) =>
        typeof(LoginThrottle).GetProperty(property, BindingFlags.Instance | BindingFlags.Public)!.SetValue(throttle, value);
}
