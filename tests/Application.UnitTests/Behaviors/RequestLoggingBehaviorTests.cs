using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Behaviors;

public sealed record SignInProbe(string Username, string Password) : IRequest<Result<string>>;

public sealed class RequestLoggingBehaviorTests
{
    private const string Secret = "hunter2-Sup3r-S3cret!";
    private static readonly Error s_failure = new("PROBE_FAILED", "The probe failed.", ErrorKind.Unauthorized);

    private readonly CapturingLogger<RequestLoggingBehavior<SignInProbe, Result<string>>> _logger = new();
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly SignInProbe _request = new("alice", Secret);

    [Fact]
    public async Task Handle_WhenResultFails_ShouldLogRequestTypeAndErrorCode()
    {
        var behavior = new RequestLoggingBehavior<SignInProbe, Result<string>>(_logger, _currentUser);

        var response = await behavior.Handle(_request, TestContext.Current.CancellationToken, () => Task.FromResult<Result<string>>(s_failure));

        response.Error.Should().Be(s_failure);
        var entry = _logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Information);
        entry.Message.Should().Contain(nameof(SignInProbe)).And.Contain("PROBE_FAILED");
        entry.State.Should().Contain(new KeyValuePair<string, object?>("RequestName", nameof(SignInProbe)));
        entry.State.Should().Contain(new KeyValuePair<string, object?>("Outcome", "PROBE_FAILED"));
    }

    [Fact]
    public async Task Handle_WhenResultSucceeds_ShouldLogOkAndTheCallersUserId()
    {
        var userId = Guid.CreateVersion7();
        _currentUser.UserId.Returns(userId);
        var behavior = new RequestLoggingBehavior<SignInProbe, Result<string>>(_logger, _currentUser);

        await behavior.Handle(_request, TestContext.Current.CancellationToken, () => Task.FromResult<Result<string>>("fine"));

        var entry = _logger.Entries.Should().ContainSingle().Subject;
        entry.State.Should().Contain(new KeyValuePair<string, object?>("Outcome", "OK"));
        entry.State.Should().Contain(new KeyValuePair<string, object?>("UserId", userId));
    }

    [Fact]
    public async Task Handle_WhenRequestCarriesPassword_ShouldNeverLogTheRequestsValues()
    {
        var behavior = new RequestLoggingBehavior<SignInProbe, Result<string>>(_logger, _currentUser);

        await behavior.Handle(_request, TestContext.Current.CancellationToken, () => Task.FromResult<Result<string>>(s_failure));
        await behavior.Handle(_request, TestContext.Current.CancellationToken, () => Task.FromResult<Result<string>>("fine"));
        var act = () => behavior.Handle(_request, TestContext.Current.CancellationToken, () => throw new InvalidOperationException("boom"));
        await act.Should().ThrowAsync<InvalidOperationException>();

        _logger.Entries.Should().HaveCount(3);
        foreach (var entry in _logger.Entries)
        {
            entry.Message.Should().NotContain(Secret);
            entry.Message.Should().NotContain(_request.ToString());
            entry.State.Should().NotContain(p => p.Value is SignInProbe);
            entry.State.Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))
                .Should().NotContain(v => v != null && v.Contains(Secret));
        }

        _logger.Scopes.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenNextThrows_ShouldLogExceptionTypeAndRethrow()
    {
        var behavior = new RequestLoggingBehavior<SignInProbe, Result<string>>(_logger, _currentUser);

        var act = () => behavior.Handle(_request, TestContext.Current.CancellationToken, () => throw new UnauthenticatedException());

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _logger.Entries.Should().ContainSingle()
            .Which.State.Should().Contain(new KeyValuePair<string, object?>("Outcome", nameof(UnauthenticatedException)));
    }

    [Fact]
    public async Task Handle_WhenInformationIsDisabled_ShouldCallNextAndLogNothing()
    {
        var logger = new CapturingLogger<RequestLoggingBehavior<SignInProbe, Result<string>>> { MinimumLevel = LogLevel.Warning };
        var behavior = new RequestLoggingBehavior<SignInProbe, Result<string>>(logger, _currentUser);

        var response = await behavior.Handle(_request, TestContext.Current.CancellationToken, () => Task.FromResult<Result<string>>("fine"));

        response.Value.Should().Be("fine");
        logger.Entries.Should().BeEmpty();
    }
}
