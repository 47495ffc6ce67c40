using CleanAuth.Application.Common.Interfaces;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>An <see cref="ITokenService"/> substitute with deterministic, recognisable outputs.</summary>
internal static class TokenServiceFake
{
    public const string AccessToken = "access.jwt.token";
    public const int AccessTokenSeconds = 900;
    public const string OpaqueToken = "rt-issued-at-login";

    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan RefreshTokenIdleTimeout = TimeSpan.FromDays(5);
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(30);

    public static string SuccessorOf(string token) => token + ".next";

    public static ITokenService Create()
    {
        var tokens = Substitute.For<ITokenService>();
        tokens.RefreshTokenLifetime.Returns(RefreshTokenLifetime);
        tokens.RefreshTokenIdleTimeout.Returns(RefreshTokenIdleTimeout);
        tokens.RefreshReuseGrace.Returns(ReuseGrace);
        tokens.NewOpaqueToken().Returns(new OpaqueToken(OpaqueToken, TestData.Sha256(OpaqueToken)));
        tokens.HashOpaqueToken(Arg.Any<string>()).Returns(call => TestData.Sha256(call.Arg<string>()));
        tokens.DeriveSuccessor(Arg.Any<string>()).Returns(call =>
        {
            var successor = SuccessorOf(call.Arg<string>());
            return new OpaqueToken(successor, TestData.Sha256(successor));
        });
        tokens.CreateAccessToken(Arg.Any<Guid>(), Arg.Any<Guid>(), Arg.Any<IEnumerable<string>>(), Arg.Any<DateTime>(), Arg.Any<DateTime>())
            .Returns(call => new AccessToken(AccessToken, call.ArgAt<DateTime>(3).AddSeconds(AccessTokenSeconds), AccessTokenSeconds));
        return tokens;
    }
}
