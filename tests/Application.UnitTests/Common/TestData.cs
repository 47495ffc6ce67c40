using System.Security.Cryptography;
using System.Text;
using AutoMapper;
using CleanAuth.Application.Common.Mappings;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Application.UnitTests.Common;

internal static class TestData
{
    public static readonly DateTime Now = new(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc);

    public const string StoredHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$c3RvcmVkc3RvcmVkc3RvcmVkc3RvcmVk";

    public const string Password = "correct horse battery staple";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromDays(7);

    private static readonly Lazy<IMapper> s_mapper = new(() =>
        new ServiceCollection()
            .AddAutoMapper(MappingDefaults.Apply, typeof(DependencyInjection).Assembly)
            .BuildServiceProvider()
            .GetRequiredService<IMapper>());

    /// <summary>The application's real AutoMapper configuration, set up as <see cref="DependencyInjection.AddApplication"/> does.</summary>
    public static IMapper Mapper => s_mapper.Value;

    /// <summary>The stored form of a refresh token: 64 hex characters of SHA-256.</summary>
    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static User NewUser(string email = "alice@example.com", string username = "alice", DateTime? now = null)
    {
        var user = User.Register(Email.Create(email), Username.Create(username), "Alice Liddell", StoredHash, now ?? Now);
        user.ClearDomainEvents();
        return user;
    }

    public static User NewAdmin()
    {
        var user = NewUser("root@example.com", "root");
        user.AssignRole(RoleName.Admin, Now);
        return user;
    }

    /// <summary>A session as loaded from the store: its start is history (no pending events).</summary>
    public static Session NewSession(Guid userId, string refreshToken, DateTime? now = null)
    {
        var session = Session.Start(userId, Sha256(refreshToken), now ?? Now, SessionLifetime, SessionIdleTimeout, "203.0.113.7", "UnitTest/1.0");
        session.ClearDomainEvents();
        return session;
    }
}
