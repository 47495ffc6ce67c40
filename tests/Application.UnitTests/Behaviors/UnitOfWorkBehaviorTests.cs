using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Behaviors;

public sealed record ChangeSomethingProbe : ICommand<Result<int>>;

public sealed record ReadSomethingProbe : IQuery<int>;

public sealed class UnitOfWorkBehaviorTests
{
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private int _nextCalls;

    [Fact]
    public async Task Handle_WhenRequestIsCommand_ShouldRunNextInsideUnitOfWork()
    {
        var insideUnitOfWork = false;
        _unitOfWork.ExecuteAsync(Arg.Any<Func<Task<Result<int>>>>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                insideUnitOfWork = true;
                var result = await call.Arg<Func<Task<Result<int>>>>()();
                insideUnitOfWork = false;
                return result;
            });
        var behavior = new UnitOfWorkBehavior<ChangeSomethingProbe, Result<int>>(_unitOfWork);
        var nextRanInside = false;

        var response = await behavior.Handle(new ChangeSomethingProbe(), TestContext.Current.CancellationToken, () =>
        {
            _nextCalls++;
            nextRanInside = insideUnitOfWork;
            return Task.FromResult<Result<int>>(42);
        });

        response.Value.Should().Be(42);
        _nextCalls.Should().Be(1);
        nextRanInside.Should().BeTrue();
        await _unitOfWork.Received(1).ExecuteAsync(Arg.Any<Func<Task<Result<int>>>>(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenRequestIsQuery_ShouldCallNextWithoutUnitOfWork()
    {
        var behavior = new UnitOfWorkBehavior<ReadSomethingProbe, int>(_unitOfWork);

        var response = await behavior.Handle(new ReadSomethingProbe(), TestContext.Current.CancellationToken, () =>
        {
            _nextCalls++;
            return Task.FromResult(7);
        });

        response.Should().Be(7);
        _nextCalls.Should().Be(1);
        _unitOfWork.ReceivedCalls().Should().BeEmpty();
    }
}
