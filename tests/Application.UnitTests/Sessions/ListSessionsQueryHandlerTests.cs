using Ardalis.Specification;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Sessions.Queries.ListSessions;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Sessions;

public sealed class ListSessionsQueryHandlerTests
{
    private readonly ISpecificationQueries _queries = Substitute.For<ISpecificationQueries>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly Guid _userId = Guid.CreateVersion7();

    [Fact]
    public async Task Handle_WhenCalled_ShouldRunTheSpecificationForTheCallerAndReturnItsRows()
    {
        var current = TestData.NewSession(_userId, "rt-current");
        var other = TestData.NewSession(_userId, "rt-other", TestData.Now.AddHours(1));
        var bobs = TestData.NewSession(Guid.CreateVersion7(), "rt-bob");
        ISpecification<Session, SessionDto>? passed = null;
        var rows = new List<SessionDto> { new(current.Id, TestData.Now, TestData.Now, TestData.Now.AddDays(30), null, null, true) };
        _queries.ListAsync(Arg.Do<ISpecification<Session, SessionDto>>(s => passed = s), Arg.Any<CancellationToken>()).Returns(rows);
        var handler = new ListSessionsQueryHandler(AccountFakes.Caller(_userId, current.Id), _queries, _clock);

        var result = await handler.Handle(new ListSessionsQuery(), TestContext.Current.CancellationToken);

        result.Should().BeSameAs(rows);
        passed.Should().BeOfType<ActiveSessionsOfUserSpec>();
        passed!.Evaluate([current, other, bobs]).Select(s => (s.Id, s.Current))
            .Should().Equal((other.Id, false), (current.Id, true));
    }

    [Fact]
    public async Task Handle_WhenCalled_ShouldFilterByTheClocksNow()
    {
        var session = TestData.NewSession(_userId, "rt", TestData.Now);
        ISpecification<Session, SessionDto>? passed = null;
        _queries.ListAsync(Arg.Do<ISpecification<Session, SessionDto>>(s => passed = s), Arg.Any<CancellationToken>()).Returns([]);
        _clock.UtcNow = session.ExpiresAt;
        var handler = new ListSessionsQueryHandler(AccountFakes.Caller(_userId, session.Id), _queries, _clock);

        await handler.Handle(new ListSessionsQuery(), TestContext.Current.CancellationToken);

        passed!.Evaluate([session]).Should().BeEmpty("the session expires at the clock's now");
    }

    [Fact]
    public async Task Handle_WhenTheCallerIsAnonymous_ShouldThrowUnauthenticatedAndQueryNothing()
    {
        var handler = new ListSessionsQueryHandler(AccountFakes.Anonymous(), _queries, _clock);

        var act = () => handler.Handle(new ListSessionsQuery(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _queries.ReceivedCalls().Should().BeEmpty();
    }
}
