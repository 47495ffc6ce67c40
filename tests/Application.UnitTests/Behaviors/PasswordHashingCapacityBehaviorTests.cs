using CleanAuth.Application.Auth.Commands.ChangePassword;
using CleanAuth.Application.Auth.Commands.ConfirmPasswordReset;
using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Users.Commands.DeactivateAccount;
using CleanAuth.Application.Users.Commands.RegisterUser;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Behaviors;

[AllowAnonymousRequest]
[HashesPassword]
public sealed record HashingProbe : IRequest<string>;

public sealed class PasswordHashingCapacityBehaviorTests
{
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private int _nextCalls;

    [Fact]
    public async Task Handle_WhenARequestThatHashesArrivesWhileHashingIsSaturated_ShouldRefuseWith503BeforeAnythingElse()
    {
        Saturate(TimeSpan.FromSeconds(3));
        var behavior = new PasswordHashingCapacityBehavior<HashingProbe, string>(_hasher);

        var act = () => behavior.Handle(new HashingProbe(), TestContext.Current.CancellationToken, Next);

        (await act.Should().ThrowAsync<ServiceUnavailableException>()).Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(3), "the hasher's wait");
        _nextCalls.Should().Be(0, "nothing after it runs: no validation, no unit of work, no handler, so no lookup, no reservation, no write");
    }

    [Fact]
    public async Task Handle_WhenARequestThatHashesArrivesWithRoomToHash_ShouldGoOn()
    {
        var behavior = new PasswordHashingCapacityBehavior<HashingProbe, string>(_hasher);

        var response = await behavior.Handle(new HashingProbe(), TestContext.Current.CancellationToken, Next);

        response.Should().Be("handled");
        _hasher.Received(1).ShouldShed(out Arg.Any<TimeSpan>());
    }

    [Fact]
    public async Task Handle_WhenARequestThatHashesNothingArrivesWhileHashingIsSaturated_ShouldNeitherAskNorRefuse()
    {
        Saturate(TimeSpan.FromSeconds(1));
        var behavior = new PasswordHashingCapacityBehavior<AnonymousProbe, string>(_hasher);

        var response = await behavior.Handle(new AnonymousProbe(), TestContext.Current.CancellationToken, Next);

        response.Should().Be("handled");
        _hasher.ReceivedCalls().Should().BeEmpty();
    }

    [Theory]
    [InlineData(typeof(LoginCommand))]
    [InlineData(typeof(RegisterUserCommand))]
    [InlineData(typeof(ChangePasswordCommand))]
    [InlineData(typeof(ConfirmPasswordResetCommand))]
    [InlineData(typeof(DeactivateAccountCommand))]
    public void Requests_ThatHashAPassword_ShouldBeMarkedSo(Type request) =>
        request.GetCustomAttributes(typeof(HashesPasswordAttribute), inherit: false).Should().ContainSingle();

    private void Saturate(TimeSpan retryAfter) =>
        _hasher.ShouldShed(out Arg.Any<TimeSpan>()).Returns(call =>
        {
            call[0] = retryAfter;
            return true;
        });

    private Task<string> Next()
    {
        _nextCalls++;
        return Task.FromResult("handled");
    }
}
