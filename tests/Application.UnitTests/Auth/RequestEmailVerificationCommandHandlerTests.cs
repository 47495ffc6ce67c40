using CleanAuth.Application.Auth.Commands.RequestEmailVerification;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class RequestEmailVerificationCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser();
    private readonly RequestEmailVerificationCommandHandler _handler;
    private AccountToken? _added;

    public RequestEmailVerificationCommandHandlerTests()
    {
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _tokens.Add(Arg.Do<AccountToken>(t => _added = t));
        _handler = new RequestEmailVerificationCommandHandler(AccountFakes.Caller(_user.Id), _users, AccountFakes.Issuer(_tokens, _mailer), _clock);
    }

    [Fact]
    public async Task Handle_WhenTheAddressIsUnverifiedAndNothingIsPending_ShouldMailALinkForTheCurrentAddress()
    {
        await _handler.Handle(new RequestEmailVerificationCommand(), TestContext.Current.CancellationToken);

        await _tokens.Received(1).SupersedeForUserAsync(AccountTokenKind.EmailVerification, _user.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
        _added!.Kind.Should().Be(AccountTokenKind.EmailVerification);
        _added.UserId.Should().Be(_user.Id);
        _added.Email.Should().Be("alice@example.com");
        _added.ExpiresAt.Should().Be(_clock.UtcNow.AddHours(48));
        _mailer.Received(1).EmailVerification("alice@example.com", TokenServiceFake.OpaqueToken);
    }

    [Fact]
    public async Task Handle_WhenAChangeIsPending_ShouldMailALinkForThePendingAddressInstead()
    {
        _user.RequestEmailChange(Email.Create("New.Alice@Example.org"), TestData.Now.AddHours(1));

        await _handler.Handle(new RequestEmailVerificationCommand(), TestContext.Current.CancellationToken);

        _added!.Email.Should().Be("new.alice@example.org");
        _mailer.Received(1).EmailVerification("New.Alice@example.org", TokenServiceFake.OpaqueToken);
        _mailer.DidNotReceive().EmailVerification("alice@example.com", Arg.Any<string>());
    }

    [Fact]
    public async Task Handle_WhenAChangeIsPendingOnAVerifiedAccount_ShouldStillMailTheLinkForThePendingAddress()
    {
        _user.MarkEmailVerified(TestData.Now);
        _user.RequestEmailChange(Email.Create("new@example.org"), TestData.Now.AddHours(1));

        await _handler.Handle(new RequestEmailVerificationCommand(), TestContext.Current.CancellationToken);

        _mailer.Received(1).EmailVerification("new@example.org", TokenServiceFake.OpaqueToken);
    }

    [Fact]
    public async Task Handle_WhenTheAddressIsVerifiedAndNothingIsPending_ShouldSendNothing()
    {
        _user.MarkEmailVerified(TestData.Now);

        await _handler.Handle(new RequestEmailVerificationCommand(), TestContext.Current.CancellationToken);

        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsDeactivated_ShouldThrowUnauthenticatedAndSendNothing()
    {
        _user.Deactivate(TestData.Now.AddHours(1));

        var act = () => _handler.Handle(new RequestEmailVerificationCommand(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }
}
