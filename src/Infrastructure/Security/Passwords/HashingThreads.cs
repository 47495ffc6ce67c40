using System.Collections.Concurrent;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// The threads password hashes run on: threads of their own, one per hashing slot, not the thread pool's. A hash keeps
/// its thread busy for tens of milliseconds. On the pool, with one processor, every request queued behind a hash waits
/// for it, until the pool notices it is starved and adds a thread; under a login flood, one hash after another, that
/// put half a second on a health probe's p99 (issue 10). On threads of their own, the operating system shares the
/// processor between the hashes and the threads serving requests.
/// </summary>
internal sealed class HashingThreads : IDisposable
{
    private readonly BlockingCollection<WorkItem> _work = [];

    public HashingThreads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var i = 0; i < count; i++)
        {
            new Thread(Serve) { IsBackground = true, Name = "Argon2id hashing" }.Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a hashing thread; the caller's continuation does not run there.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var item = new WorkItem<T>(work);
        _work.Add(item);
        return item.Task;
    }

    /// <summary>The threads finish what was handed to them, then end.</summary>
    public void Dispose() => _work.CompleteAdding();

    private void Serve()
    {
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item.Run();
        }
    }

    /// <summary>One object per hash: the work and its completion together (a hash allocates under 1 KB in all, issue 10).</summary>
    private abstract class WorkItem
    {
        public abstract void Run();
    }

    private sealed class WorkItem<T>(Func<T> work) : WorkItem
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        public override void Run()
        {
            try
            {
                _completion.SetResult(work());
            }
            catch (Exception ex)
            {
                _completion.SetException(ex);
            }
        }
    }
}
