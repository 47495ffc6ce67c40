using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.CreateAdmin;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class CreateAdminCommandHandlerTests
{
    private const string NewHash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNo";

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly PendingEvents _events = new();
    private readonly CreateAdminCommandHandler _handler;
    private readonly CreateAdminCommand _command = new("Root@Example.com", "root", TestData.Password, AdminSource.Configuration, "The Operator");

    public CreateAdminCommandHandlerTests()
    {
        _hasher.HashAsync(TestData.Password, Arg.Any<CancellationToken>()).Returns(NewHash);
        _handler = new CreateAdminCommandHandler(_users, _hasher, _events, new FakeTimeProvider(TestData.Now));
    }

    [Fact]
    public async Task Handle_WhenFree_ShouldAddAVerifiedAccountWithTheRolesAdminAndUser()
    {
        var result = await _handler.Handle(_command, TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _users.Received(1).Add(Arg.Is<User>(u =>
            u.Id == result.Value && u.EmailVerified && u.HasRole("admin") && u.HasRole("user") && u.PasswordHash == NewHash && u.Username == "root"));
    }

    [Theory]
    [InlineData(AdminSource.Configuration, AdminBootstrappedEvent.FromConfiguration)]
    [InlineData(AdminSource.CommandLine, AdminBootstrappedEvent.FromCommandLine)]
    public async Task Handle_WhenCreated_ShouldRaiseAdminBootstrappedWithItsSource(AdminSource source, string recorded)
    {
        var result = await _handler.Handle(_command with { Source = source }, TestContext.Current.CancellationToken);

        _events.TakeAll().Should().ContainSingle().Which.Should().Be(new AdminBootstrappedEvent(result.Value, recorded, TestData.Now));
    }

    [Fact]
    public async Task Handle_WhenTheEmailHasAnAccount_ShouldReturnEmailTakenEvenIfTheUsernameIsTakenToo()
    {
        _users.FindByNormalizedEmailAsync("root@example.com", Arg.Any<CancellationToken>()).Returns(TestData.NewUser());
        _users.ExistsByNormalizedUsernameAsync("root", Arg.Any<CancellationToken>()).Returns(true);

        var result = await _handler.Handle(_command, TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.EmailTaken, "the bootstrap reads it as \"already exists\" and changes nothing");
        _users.DidNotReceive().Add(Arg.Any<User>());
        await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenOnlyTheUsernameIsTaken_ShouldReturnUsernameTaken()
    {
        _users.ExistsByNormalizedUsernameAsync("root", Arg.Any<CancellationToken>()).Returns(true);

        var result = await _handler.Handle(_command, TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.UsernameTaken);
        _users.DidNotReceive().Add(Arg.Any<User>());
        _events.TakeAll().Should().BeEmpty("nothing was created");
    }

    [Fact]
    public void ToString_ShouldNotContainThePassword() =>
        _command.ToString().Should().NotContain(TestData.Password);
}
