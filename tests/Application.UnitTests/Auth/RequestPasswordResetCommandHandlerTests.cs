using CleanAuth.Application.Auth.Commands.RequestPasswordReset;
using CleanAuth.Application.Common.Interfaces;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class RequestPasswordResetCommandHandlerTests
{
    private readonly IBackgroundWork _work = Substitute.For<IBackgroundWork>();

    [Theory]
    [InlineData("  ALICE@example.COM ", "alice@example.com")]
    [InlineData("nobody@example.com", "nobody@example.com")]
    public async Task Handle_WhenAnyAddressIsGiven_ShouldOnlyQueueTheWorkForItsNormalizedForm(string given, string queued)
    {
        var handler = new RequestPasswordResetCommandHandler(_work);

        var result = await handler.Handle(new RequestPasswordResetCommand(given), TestContext.Current.CancellationToken);

        result.Should().Be(Unit.Value);
        _work.Received(1).IssuePasswordReset(queued);
        _work.ReceivedCalls().Should().HaveCount(1, "the same single write whether or not the address has an account");
    }
}
