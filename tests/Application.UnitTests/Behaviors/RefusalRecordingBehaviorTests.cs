using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Logging;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CleanAuth.Application.UnitTests.Behaviors;

/// <summary>The committing path of refusals (ADR-004): a request that fails with an exception commits its refusals alone.</summary>
public sealed class RefusalRecordingBehaviorTests
{
    private readonly PendingEvents _events = new();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly CapturingLogger<RefusalRecordingBehavior<string, string>> _logger = new();
    private readonly RefusalRecordingBehavior<string, string> _behavior;

    public RefusalRecordingBehaviorTests() => _behavior = new(_events, _unitOfWork, _logger);

    [Fact]
    public async Task Handle_WhenTheRequestFailsAfterARefusal_ShouldCommitTheRefusalsAloneAndRethrow()
    {
        var throttled = new LoginThrottledEvent(null, TestData.Now);
        var thrown = new LoginThrottledException(TimeSpan.FromMinutes(15));

        var act = () => _behavior.Handle("login", TestContext.Current.CancellationToken, () =>
        {
            _events.Raise(new UserRegisteredEvent(Guid.NewGuid(), "rolled-back@example.com", false, TestData.Now));
            _events.RaiseRefusal(throttled);
            throw thrown;
        });

        (await act.Should().ThrowAsync<LoginThrottledException>()).Which.Should().BeSameAs(thrown, "the request's own failure is the answer");
        await _unitOfWork.Received(1).CommitAloneAsync(
            Arg.Is<IReadOnlyList<IDomainEvent>>(e => e.SequenceEqual(new IDomainEvent[] { throttled })), CancellationToken.None);
        _events.TakeAll().Should().BeEmpty("the request's other events rolled back with it");
    }

    [Fact]
    public async Task Handle_WhenTheRequestFailsWithoutARefusal_ShouldCommitNothing()
    {
        var act = () => _behavior.Handle("update", TestContext.Current.CancellationToken, () =>
        {
            _events.Raise(new ProfileUpdatedEvent(Guid.NewGuid(), ["username"], TestData.Now));
            throw new ConflictException(UserErrors.UsernameTaken);
        });

        await act.Should().ThrowAsync<ConflictException>();
        _unitOfWork.ReceivedCalls().Should().BeEmpty("a refused change records nothing");
    }

    [Fact]
    public async Task Handle_WhenTheRequestSucceeds_ShouldLeaveItsEventsToItsUnitOfWork()
    {
        var response = await _behavior.Handle("ok", TestContext.Current.CancellationToken, () => Task.FromResult("done"));

        response.Should().Be("done");
        _unitOfWork.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenRecordingFails_ShouldLogItAndStillThrowTheRequestsOwnFailure()
    {
        _unitOfWork.CommitAloneAsync(Arg.Any<IReadOnlyList<IDomainEvent>>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("database down"));

        var act = () => _behavior.Handle("denied", TestContext.Current.CancellationToken, () =>
        {
            _events.RaiseRefusal(new AccessDeniedEvent(Guid.NewGuid(), Permissions.Account.ManageSelf, TestData.Now));
            throw new ForbiddenAccessException(Permissions.Account.ManageSelf);
        });

        await act.Should().ThrowAsync<ForbiddenAccessException>();
        _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Message.Contains("AccessDeniedEvent", StringComparison.Ordinal))
            .Which.Exception.Should().BeOfType<InvalidOperationException>();
    }
}
