using CleanAuth.Application.Common.Accounts;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class AttemptTurnsTests
{
    [Fact]
    public async Task Take_WhenTheIdentifiersTurnIsTaken_ShouldWaitUntilItIsGivenBack()
    {
        var turns = new AttemptTurns();
        var first = await turns.TakeAsync("u:1", TestContext.Current.CancellationToken);

        var second = turns.TakeAsync("u:1", TestContext.Current.CancellationToken);
        var other = turns.TakeAsync("u:2", TestContext.Current.CancellationToken);

        other.IsCompletedSuccessfully.Should().BeTrue("another identifier does not wait");
        second.IsCompleted.Should().BeFalse();
        first.Dispose();
        first.Dispose(); // twice is harmless
        (await second).Dispose();
        (await other).Dispose();
        turns.Count.Should().Be(0, "an identifier with no attempt keeps no entry");
    }

    [Fact]
    public async Task Take_WhenTheWaitIsCancelled_ShouldLeaveNothingBehindAndNotBlockTheNext()
    {
        var turns = new AttemptTurns();
        var held = await turns.TakeAsync("u:1", TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();

        var waiting = turns.TakeAsync("u:1", cancel.Token);
        await cancel.CancelAsync();

        await waiting.Invoking(w => w).Should().ThrowAsync<OperationCanceledException>();
        held.Dispose();
        (await turns.TakeAsync("u:1", TestContext.Current.CancellationToken)).Dispose();
        turns.Count.Should().Be(0);
    }
}
