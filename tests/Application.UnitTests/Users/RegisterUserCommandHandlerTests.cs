using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Options;
using CleanAuth.Domain.AccountTokens;
using Microsoft.Extensions.Options;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.RegisterUser;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class RegisterUserCommandHandlerTests
{
    private const string NewHash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNo";

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly FakeTimeProvider _clock = new(TestData.Now);
    private readonly IAccountTokenRepository _accountTokens = Substitute.For<IAccountTokenRepository>();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly RegisterUserCommandHandler _handler;
    private readonly RegisterUserCommand _command = new("Alice@Example.com", "Alice", TestData.Password, "  Alice Liddell ");

    public RegisterUserCommandHandlerTests()
    {
        _hasher.HashAsync(TestData.Password, Arg.Any<CancellationToken>()).Returns(NewHash);
        var options = Options.Create(new AuthOptions());
        var issuer = new AccountTokenIssuer(_accountTokens, TokenServiceFake.Create(), _mailer, options);
        _handler = new RegisterUserCommandHandler(_users, _hasher, issuer, _mailer, options, _clock, TestData.Mapper);
    }

    [Fact]
    public async Task Handle_WhenEmailIsTaken_ShouldReturnEmailTakenAndAddNothing()
    {
        _users.FindByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>()).Returns(TestData.NewUser());

        var result = await _handler.Handle(_command, TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeFalse();
        result.Error!.Code.Should().Be("EMAIL_TAKEN");
        _users.DidNotReceive().Add(Arg.Any<User>());
        await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenUsernameIsTaken_ShouldReturnUsernameTakenAndAddNothing()
    {
        _users.ExistsByNormalizedUsernameAsync("alice", Arg.Any<CancellationToken>()).Returns(true);

        var result = await _handler.Handle(_command, TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.UsernameTaken);
        _users.DidNotReceive().Add(Arg.Any<User>());
        await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenEmailAndUsernameAreFree_ShouldHashPasswordAndAddUser()
    {
        User? added = null;
        _users.Add(Arg.Do<User>(u => added = u));

        var result = await _handler.Handle(_command, TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        await _hasher.Received(1).HashAsync(TestData.Password, TestContext.Current.CancellationToken);
        _users.Received(1).Add(Arg.Any<User>());
        added.Should().NotBeNull();
        added!.PasswordHash.Should().Be(NewHash);
        added.NormalizedEmail.Should().Be("alice@example.com");
        added.NormalizedUsername.Should().Be("alice");
        added.CreatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public async Task Handle_WhenRegistered_ShouldReturnDtoWithUserRole()
    {
        var result = await _handler.Handle(_command, TestContext.Current.CancellationToken);

        var dto = result.Value.User!;
        dto.Id.Should().NotBe(Guid.Empty);
        dto.Email.Should().Be("Alice@example.com");
        dto.Username.Should().Be("Alice");
        dto.FullName.Should().Be("Alice Liddell");
        dto.Roles.Should().Equal(RoleName.User);
        dto.IsAdmin.Should().BeFalse();
        dto.IsActive.Should().BeTrue();
        dto.EmailVerified.Should().BeFalse();
        dto.CreatedAt.Should().Be(TestData.Now);
    }
}
