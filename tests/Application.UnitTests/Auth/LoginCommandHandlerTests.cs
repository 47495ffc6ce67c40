using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class LoginCommandHandlerTests
{
    private const string RehashedHash = "$argon2id$v=19$m=65536,t=3,p=1$cmVoYXNocmVoYXNo$cmVoYXNoZWRyZWhhc2hlZHJlaGFzaGVk";

    private readonly IUserRepository _users = AccountFakes.LockableUsers();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly ITokenService _tokens = TokenServiceFake.Create();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddHours(3));
    private readonly InMemoryLoginThrottles _throttles = new();
    private readonly LoginCommandHandler _handler;
    private readonly User _user = TestData.NewUser();
    private readonly PendingEvents _events = new();

    public LoginCommandHandlerTests()
    {
        _users.FindByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>()).Returns(_user);
        _users.FindByNormalizedUsernameAsync("alice", Arg.Any<CancellationToken>()).Returns(_user);
        _hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(PasswordVerification.Failed);
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded);
        _hasher.HashAsync(TestData.Password, Arg.Any<CancellationToken>()).Returns(RehashedHash);
        _handler = new LoginCommandHandler(
            _users, _sessions, AccountFakes.Guard(_hasher, _clock, _throttles), _hasher, _tokens, Options.Create(new AuthOptions()), _events, _clock);
    }

    private DateTime Now => _clock.UtcNow;

    [Fact]
    public async Task Handle_WhenEmailIsUnknown_ShouldVerifyAgainstDummyAndReturnInvalidCredentials()
    {
        var result = await _handler.Handle(ByEmail("nobody@example.com"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.InvalidCredentials);
        await _hasher.Received(1).VerifyAgainstDummyAsync(TestData.Password, TestContext.Current.CancellationToken);
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, TestContext.Current.CancellationToken);
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenUsernameIsUnknown_ShouldVerifyAgainstDummyAndReturnInvalidCredentials()
    {
        var result = await _handler.Handle(new LoginCommand(null, "nobody", TestData.Password, null, null), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.InvalidCredentials);
        await _hasher.Received(1).VerifyAgainstDummyAsync(TestData.Password, TestContext.Current.CancellationToken);
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenPasswordIsWrong_ShouldReturnInvalidCredentialsAndStartNoSession()
    {
        var result = await _handler.Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.InvalidCredentials);
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
        _tokens.DidNotReceive().NewOpaqueToken();
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAgainstDummyAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenUserIsInactiveAndPasswordIsRight_ShouldReturnAccountInactive()
    {
        _user.Deactivate(TestData.Now.AddMinutes(1));

        var result = await _handler.Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.AccountInactive);
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenUserIsInactiveAndPasswordIsWrong_ShouldNotRevealInactivity()
    {
        _user.Deactivate(TestData.Now.AddMinutes(1));

        var result = await _handler.Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.InvalidCredentials);
    }

    [Fact]
    public async Task Handle_WhenHashNeedsRehash_ShouldUpgradeStoredHashWithNewHash()
    {
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.SucceededRehashNeeded);

        var result = await _handler.Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        await _hasher.Received(1).HashAsync(TestData.Password, TestContext.Current.CancellationToken);
        _user.PasswordHash.Should().Be(RehashedHash);
        _user.UpdatedAt.Should().Be(Now);
    }

    [Fact]
    public async Task Handle_WhenCredentialsAreRight_ShouldRecordTheLoginWithoutTouchingUpdatedAt()
    {
        var updatedAt = _user.UpdatedAt;

        var result = await _handler.Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _user.LastLoginAt.Should().Be(Now);
        _user.UpdatedAt.Should().Be(updatedAt, "a login is not a change of the account");
    }

    [Theory]
    [InlineData("wrong password", false)]
    [InlineData(TestData.Password, true)]
    public async Task Handle_WhenTheLoginIsRefused_ShouldNotRecordIt(string password, bool deactivated)
    {
        if (deactivated)
        {
            _user.Deactivate(TestData.Now.AddMinutes(1));
        }

        var result = await _handler.Handle(ByEmail("alice@example.com", password), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeFalse();
        _user.LastLoginAt.Should().BeNull();
    }

    [Fact]
    public async Task Handle_WhenHashIsCurrent_ShouldNotRehash()
    {
        await _handler.Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, TestContext.Current.CancellationToken);
        _user.PasswordHash.Should().Be(TestData.StoredHash);
    }

    [Fact]
    public async Task Handle_WhenCredentialsAreRight_ShouldStartSessionExpiringAfterRefreshTokenLifetime()
    {
        Session? added = null;
        _sessions.Add(Arg.Do<Session>(s => added = s));

        await _handler.Handle(
            new LoginCommand("alice@example.com", null, TestData.Password, "198.51.100.4", "Firefox/140"), TestContext.Current.CancellationToken);

        _sessions.Received(1).Add(Arg.Any<Session>());
        added.Should().NotBeNull();
        added!.UserId.Should().Be(_user.Id);
        added.CreatedAt.Should().Be(Now);
        added.ExpiresAt.Should().Be(Now + TokenServiceFake.RefreshTokenLifetime);
        added.IdleExpiresAt.Should().Be(Now + TokenServiceFake.RefreshTokenIdleTimeout);
        added.IpAddress.Should().Be("198.51.100.4");
        added.UserAgent.Should().Be("Firefox/140");
        added.RefreshTokens.Should().ContainSingle()
            .Which.TokenHash.Should().Be(TestData.Sha256(TokenServiceFake.OpaqueToken));
    }

    [Fact]
    public async Task Handle_WhenCredentialsAreRight_ShouldReturnBearerPairWithOpaqueToken()
    {
        Session? added = null;
        _sessions.Add(Arg.Do<Session>(s => added = s));

        var result = await _handler.Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        var pair = result.Value;
        pair.TokenType.Should().Be(TokenPairDto.BearerTokenType).And.Be("bearer");
        pair.RefreshToken.Should().Be(TokenServiceFake.OpaqueToken);
        pair.AccessToken.Should().Be(TokenServiceFake.AccessToken);
        pair.ExpiresIn.Should().Be(TokenServiceFake.AccessTokenSeconds);
        _tokens.Received(1).CreateAccessToken(
            _user.Id, added!.Id, Arg.Is<IEnumerable<string>>(r => r.SequenceEqual(new[] { "user" })), Now, added.IdleExpiresAt);
    }

    [Theory]
    [InlineData(14 * 86400.0, 5 * 86400.0, 5 * 86400)]   // the idle timeout comes first
    [InlineData(3600.9, 5 * 86400.0, 3600)]              // the absolute lifetime comes first; whole seconds, rounded down
    public async Task Handle_WhenCredentialsAreRight_ShouldCountTheRefreshTokenDownToTheSessionsSoonerEnd(double lifetimeSeconds, double idleSeconds, int expected)
    {
        _tokens.RefreshTokenLifetime.Returns(TimeSpan.FromSeconds(lifetimeSeconds));
        _tokens.RefreshTokenIdleTimeout.Returns(TimeSpan.FromSeconds(idleSeconds));

        var result = await _handler.Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.Value.RefreshTokenExpiresIn.Should().Be(expected);
    }

    [Fact]
    public async Task Handle_WhenEmailHasOtherCasingAndSpaces_ShouldLookUpNormalizedEmail()
    {
        var result = await _handler.Handle(ByEmail("  ALICE@Example.COM "), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        await _users.Received(1).FindByNormalizedEmailAsync("alice@example.com", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenUsernameIsGiven_ShouldLookUpNormalizedUsername()
    {
        var result = await _handler.Handle(new LoginCommand(null, "ALICE", TestData.Password, null, null), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        await _users.Received(1).FindByNormalizedUsernameAsync("alice", TestContext.Current.CancellationToken);
        await _users.DidNotReceiveWithAnyArgs().FindByNormalizedEmailAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenASingleIdentifierContainsAnAt_ShouldLookUpNormalizedEmail()
    {
        var result = await _handler.Handle(LoginCommand.ForIdentifier(" Alice@Example.com", TestData.Password, null, null), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        await _users.Received(1).FindByNormalizedEmailAsync("alice@example.com", TestContext.Current.CancellationToken);
        await _users.DidNotReceiveWithAnyArgs().FindByNormalizedUsernameAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenASingleIdentifierHasNoAt_ShouldLookUpNormalizedUsername()
    {
        var result = await _handler.Handle(LoginCommand.ForIdentifier("ALICE", TestData.Password, null, null), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        await _users.Received(1).FindByNormalizedUsernameAsync("alice", TestContext.Current.CancellationToken);
        await _users.DidNotReceiveWithAnyArgs().FindByNormalizedEmailAsync(default!, TestContext.Current.CancellationToken);
    }

    private static LoginCommand ByEmail(string email, string password = TestData.Password) =>
        new(email, null, password, null, null);
}
