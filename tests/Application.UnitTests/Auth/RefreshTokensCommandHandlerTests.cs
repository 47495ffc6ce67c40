using CleanAuth.Application.Auth.Commands.RefreshTokens;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class RefreshTokensCommandHandlerTests : IDisposable
{
    private const string Presented = "rt-presented";
    private static readonly string s_successor = TokenServiceFake.SuccessorOf(Presented);
    private static readonly DateTime s_loginAt = TestData.Now;

    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly ITokenService _tokens = TokenServiceFake.Create();
    private readonly FakeTimeProvider _clock = new(s_loginAt.AddMinutes(15));
    private readonly TestMetrics _metrics = new();
    private readonly MetricCollector<long> _refreshes;
    private RefreshTokensCommandHandler _handler;
    private readonly User _user = TestData.NewUser();
    private readonly Session _session;
    private readonly RefreshToken _token;

    // The session as GetByIdAsync loads it, tracked: the rotation's read is not, so a revocation must land here.
    private readonly Session _trackedSession;

    public RefreshTokensCommandHandlerTests()
    {
        _session = TestData.NewSession(_user.Id, Presented, s_loginAt);
        _token = _session.RefreshTokens.Single();
        _sessions.FindRefreshTokenToRotateAsync(TestData.Sha256(Presented), Arg.Any<CancellationToken>()).Returns(_token);
        _trackedSession = TestData.NewSession(_user.Id, Presented, s_loginAt);
        _sessions.GetByIdAsync(_session.Id, Arg.Any<CancellationToken>()).Returns(_trackedSession);
        _refreshes = _metrics.Collect<long>("cleanauth.token_refreshes");
        _handler = Handler(new InMemorySpecificationQueries(_user));
    }

    public void Dispose()
    {
        _refreshes.Dispose();
        _metrics.Dispose();
    }

    private DateTime Now => _clock.UtcNow;

    [Fact]
    public async Task Handle_WhenTokenIsUnknown_ShouldReturnInvalidToken()
    {
        var result = await Refresh("rt-never-issued");

        result.Error.Should().Be(AuthErrors.InvalidToken);
        await _sessions.DidNotReceiveWithAnyArgs().TrySaveRotationAsync(default!, default!, TestContext.Current.CancellationToken);
        ShouldHaveCounted("failed");
    }

    [Fact]
    public async Task Handle_WhenSessionIsRevoked_ShouldReturnInvalidTokenAndKeepRevocation()
    {
        _session.Revoke(SessionRevocationReason.Logout, s_loginAt.AddMinutes(5));

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _session.RevocationReason.Should().Be(SessionRevocationReason.Logout);
        _token.IsRotated.Should().BeFalse();
        await _sessions.DidNotReceiveWithAnyArgs().GetByIdAsync(default, TestContext.Current.CancellationToken);
        await _sessions.DidNotReceiveWithAnyArgs().TrySaveRotationAsync(default!, default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenSessionIsExpired_ShouldReturnInvalidToken()
    {
        _clock.UtcNow = _session.ExpiresAt.AddSeconds(1);

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _token.IsRotated.Should().BeFalse();
        _session.RefreshTokens.Should().HaveCount(1);
        await _sessions.DidNotReceiveWithAnyArgs().TrySaveRotationAsync(default!, default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenSessionWasNotRefreshedWithinItsIdleTimeout_ShouldReturnInvalidToken()
    {
        _clock.UtcNow = _session.IdleExpiresAt;

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _token.IsRotated.Should().BeFalse();
        await _sessions.DidNotReceiveWithAnyArgs().TrySaveRotationAsync(default!, default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTokenIsLiveAndClaimSucceeds_ShouldRotateAndReturnDerivedSuccessor()
    {
        _sessions.TrySaveRotationAsync(_token, Arg.Any<RefreshToken>(), Arg.Any<CancellationToken>()).Returns(true);

        var result = await Refresh(Presented);

        result.IsSuccess.Should().BeTrue();
        result.Value.RefreshToken.Should().Be(s_successor);
        result.Value.AccessToken.Should().Be(TokenServiceFake.AccessToken);
        result.Value.TokenType.Should().Be("bearer");
        result.Value.RefreshTokenExpiresIn.Should().Be((int)TokenServiceFake.RefreshTokenIdleTimeout.TotalSeconds, "the restarted idle timeout ends the session before its absolute end");
        _token.RotatedAt.Should().Be(Now);
        var successor = _session.RefreshTokens.Should().ContainSingle(t => t.ParentTokenId == _token.Id).Subject;
        successor.TokenHash.Should().Be(TestData.Sha256(s_successor));
        await _sessions.Received(1).TrySaveRotationAsync(_token, successor, TestContext.Current.CancellationToken);
        await _sessions.DidNotReceiveWithAnyArgs().GetByIdAsync(default, TestContext.Current.CancellationToken);
        _session.LastUsedAt.Should().Be(Now);
        _session.ExpiresAt.Should().Be(s_loginAt + TestData.SessionLifetime);
        _session.IdleExpiresAt.Should().Be(Now + TokenServiceFake.RefreshTokenIdleTimeout, "each refresh restarts the idle timeout");
        _session.IsRevoked.Should().BeFalse();
        _tokens.Received(1).CreateAccessToken(_user.Id, _session.Id, Arg.Is<IEnumerable<string>>(roles => roles.SequenceEqual(new[] { "user" })), Now, _session.EndsAt);
        ShouldHaveCounted("succeeded");
    }

    [Fact]
    public async Task Handle_WhenClaimIsLostAndSuccessorIsUnrotatedWithinGrace_ShouldReturnSameSuccessorWithoutRevoking()
    {
        // A concurrent request claimed the token a moment ago; its committed successor is what the database now holds.
        _sessions.TrySaveRotationAsync(_token, Arg.Any<RefreshToken>(), Arg.Any<CancellationToken>()).Returns(false);
        _sessions.FindSuccessorAsync(_token.Id, Arg.Any<CancellationToken>()).Returns(CommittedSuccessorOfPresented());

        var result = await Refresh(Presented);

        result.IsSuccess.Should().BeTrue();
        result.Value.RefreshToken.Should().Be(s_successor);
        _trackedSession.IsRevoked.Should().BeFalse();
        await _sessions.DidNotReceiveWithAnyArgs().GetByIdAsync(default, TestContext.Current.CancellationToken);
        ShouldHaveCounted("succeeded");
    }

    [Fact]
    public async Task Handle_WhenTokenWasRotatedJustNowAndSuccessorIsUnrotated_ShouldReturnSameSuccessor()
    {
        var rotatedAt = Now;
        var successor = _session.Rotate(_token, TestData.Sha256(s_successor), rotatedAt, TimeSpan.FromDays(365));
        _sessions.FindSuccessorAsync(_token.Id, Arg.Any<CancellationToken>()).Returns(successor);
        _clock.Advance(TokenServiceFake.ReuseGrace - TimeSpan.FromSeconds(1));

        var result = await Refresh(Presented);

        result.Value.RefreshToken.Should().Be(s_successor);
        _trackedSession.IsRevoked.Should().BeFalse();
        await _sessions.DidNotReceiveWithAnyArgs().TrySaveRotationAsync(default!, default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTokenWasRotatedLongAgo_ShouldRevokeSessionForReuse()
    {
        var successor = _session.Rotate(_token, TestData.Sha256(s_successor), s_loginAt.AddMinutes(1), TimeSpan.FromDays(365));
        _sessions.FindSuccessorAsync(_token.Id, Arg.Any<CancellationToken>()).Returns(successor);
        _clock.UtcNow = s_loginAt.AddHours(1);

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _trackedSession.IsRevoked.Should().BeTrue();
        _trackedSession.RevocationReason.Should().Be(SessionRevocationReason.RefreshTokenReuse);
        _trackedSession.RevokedAt.Should().Be(Now);
        _trackedSession.DomainEvents.OfType<SessionRevokedEvent>().Should().ContainSingle();
        await _sessions.DidNotReceiveWithAnyArgs().TrySaveRotationAsync(default!, default!, TestContext.Current.CancellationToken);
        _tokens.DidNotReceiveWithAnyArgs().CreateAccessToken(default, default, default!, default, default);
        ShouldHaveCounted("reuse_detected");
    }

    [Fact]
    public async Task Handle_WhenWithinGraceButSuccessorWasAlreadyRotated_ShouldRevokeSessionForReuse()
    {
        var rotatedAt = Now;
        var successor = _session.Rotate(_token, TestData.Sha256(s_successor), rotatedAt, TimeSpan.FromDays(365));
        _session.Rotate(successor, TestData.Sha256(TokenServiceFake.SuccessorOf(s_successor)), rotatedAt.AddSeconds(2), TimeSpan.FromDays(365));
        _sessions.FindSuccessorAsync(_token.Id, Arg.Any<CancellationToken>()).Returns(successor);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _trackedSession.RevocationReason.Should().Be(SessionRevocationReason.RefreshTokenReuse);
    }

    [Fact]
    public async Task Handle_WhenClaimIsLostAndNoSuccessorIsFound_ShouldRevokeSessionForReuse()
    {
        _sessions.TrySaveRotationAsync(_token, Arg.Any<RefreshToken>(), Arg.Any<CancellationToken>()).Returns(false);
        _sessions.FindSuccessorAsync(_token.Id, Arg.Any<CancellationToken>()).Returns((RefreshToken?)null);

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _trackedSession.RevocationReason.Should().Be(SessionRevocationReason.RefreshTokenReuse);
    }

    [Fact]
    public async Task Handle_WhenWithinGraceButSuccessorWasNotDerivedFromPresentedToken_ShouldRevokeSessionForReuse()
    {
        var successor = _session.Rotate(_token, TestData.Sha256("rt-some-other-successor"), Now, TimeSpan.FromDays(365));
        _sessions.FindSuccessorAsync(_token.Id, Arg.Any<CancellationToken>()).Returns(successor);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _trackedSession.RevocationReason.Should().Be(SessionRevocationReason.RefreshTokenReuse);
    }

    [Fact]
    public async Task Handle_WhenUserWasDeactivated_ShouldRevokeSessionAndReturnInvalidToken()
    {
        _user.Deactivate(s_loginAt.AddMinutes(1));

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _trackedSession.IsRevoked.Should().BeTrue();
        _trackedSession.RevocationReason.Should().Be(SessionRevocationReason.AccountDeactivated);
        _token.IsRotated.Should().BeFalse();
        await _sessions.DidNotReceiveWithAnyArgs().TrySaveRotationAsync(default!, default!, TestContext.Current.CancellationToken);
        ShouldHaveCounted("failed");
    }

    [Fact]
    public async Task Handle_WhenUserNoLongerExists_ShouldRevokeSessionAndReturnInvalidToken()
    {
        _handler = Handler(new InMemorySpecificationQueries());

        var result = await Refresh(Presented);

        result.Error.Should().Be(AuthErrors.InvalidToken);
        _trackedSession.RevocationReason.Should().Be(SessionRevocationReason.AccountDeactivated);
    }

    private RefreshTokensCommandHandler Handler(InMemorySpecificationQueries accounts) =>
        new(_sessions, new ActiveUserViews(new PassThroughUserViews(), accounts), _tokens, _clock, _metrics.Metrics);

    /// <summary>One refresh counted, with this result.</summary>
    private void ShouldHaveCounted(string result)
    {
        var measurement = _refreshes.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        measurement.Value.Should().Be(1);
        measurement.Tags.Should().Equal(new Dictionary<string, object?> { ["result"] = result });
    }

    private Task<Application.Common.Results.Result<Application.Auth.Dtos.TokenPairDto>> Refresh(string token) =>
        _handler.Handle(new RefreshTokensCommand(token), TestContext.Current.CancellationToken);

    /// <summary>
    /// The successor as a concurrent winner committed it: the same session as loaded by that other request,
    /// its presented token rotated into the derived successor, which is itself still live.
    /// </summary>
    private RefreshToken CommittedSuccessorOfPresented()
    {
        var winnersView = TestData.NewSession(_user.Id, Presented, s_loginAt);
        return winnersView.Rotate(winnersView.RefreshTokens.Single(), TestData.Sha256(s_successor), Now, TimeSpan.FromDays(365));
    }
}
