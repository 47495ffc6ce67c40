using CleanAuth.Application.Auth.Commands.IssuePasswordReset;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class IssuePasswordResetCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser("Alice@Example.com");
    private readonly IssuePasswordResetCommandHandler _handler;

    public IssuePasswordResetCommandHandlerTests()
    {
        _users.FindByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>()).Returns(_user);
        _handler = new IssuePasswordResetCommandHandler(_users, AccountFakes.Issuer(_tokens, _mailer, new AuthOptions { PasswordResetMinutes = 20 }), _clock);
    }

    [Fact]
    public async Task Handle_WhenTheAddressHasNoAccount_ShouldIssueNothingAndMailNothing()
    {
        var result = await _handler.Handle(new IssuePasswordResetCommand("nobody@example.com"), TestContext.Current.CancellationToken);

        result.Should().Be(Unit.Value);
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsInactive_ShouldIssueNothingAndMailNothing()
    {
        _user.Deactivate(TestData.Now.AddHours(1));

        var result = await _handler.Handle(new IssuePasswordResetCommand("alice@example.com"), TestContext.Current.CancellationToken);

        result.Should().Be(Unit.Value);
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsActive_ShouldSupersedeOlderResetTokensThenAddANewOne()
    {
        AccountToken? added = null;
        _tokens.Add(Arg.Do<AccountToken>(t => added = t));

        await _handler.Handle(new IssuePasswordResetCommand("  ALICE@example.COM "), TestContext.Current.CancellationToken);

        await _users.Received(1).FindByNormalizedEmailAsync("alice@example.com", TestContext.Current.CancellationToken);
        Received.InOrder(() =>
        {
            _tokens.SupersedeForUserAsync(AccountTokenKind.PasswordReset, _user.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
            _tokens.Add(Arg.Any<AccountToken>());
        });
        added!.Kind.Should().Be(AccountTokenKind.PasswordReset);
        added.UserId.Should().Be(_user.Id);
        added.TokenHash.Should().Be(TestData.Sha256(TokenServiceFake.OpaqueToken), "only the hash is stored");
        added.CreatedAt.Should().Be(_clock.UtcNow);
        added.ExpiresAt.Should().Be(_clock.UtcNow.AddMinutes(20));
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsActive_ShouldMailTheRawTokenToTheAccountsAddress()
    {
        await _handler.Handle(new IssuePasswordResetCommand("alice@example.com"), TestContext.Current.CancellationToken);

        _mailer.Received(1).PasswordReset("Alice@example.com", TokenServiceFake.OpaqueToken);
        _mailer.ReceivedCalls().Should().HaveCount(1);
    }
}
