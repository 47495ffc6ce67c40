using CleanAuth.Application.Common.Events;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;

namespace CleanAuth.Application.UnitTests.Events;

public sealed class PendingEventsTests
{
    private readonly PendingEvents _events = new();
    private readonly LoginThrottledEvent _refusal = new(null, TestData.Now);
    private readonly AllSessionsEndedEvent _other = new(Guid.NewGuid(), TestData.Now);

    [Fact]
    public void TakeAll_WhenTheUnitOfWorkCommits_ShouldDispatchARefusalWithTheOthersOnce()
    {
        _events.Raise(_other);
        _events.RaiseRefusal(_refusal);

        _events.TakeAll().Should().Equal(_other, _refusal);
        _events.HasRefusals.Should().BeFalse("dispatched with the others, it is not recorded again");
        _events.TakeRefusals().Should().BeEmpty();
    }

    [Fact]
    public void TakeRefusals_WhenTheRequestFailed_ShouldReturnOnlyTheRefusalsAndForgetTheRest()
    {
        _events.Raise(_other);
        _events.RaiseRefusal(_refusal);

        _events.TakeRefusals().Should().Equal(_refusal);
        _events.TakeAll().Should().BeEmpty("the other events rolled back with the request");
    }
}
