using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// The threads password hashes run on: threads of their own, one per hashing slot, not the thread pool's. A hash keeps
/// its thread busy for tens of milliseconds. On the pool, with one processor, every request queued behind a hash waits
/// for it, until the pool notices it is starved and adds a thread; under a login flood, one hash after another, that
/// put half a second on a health probe's p99 (issue 10). On threads of their own, the operating system shares the
/// processor between the hashes and the threads serving requests. On Linux they also run at a lower priority
/// (<see cref="Niceness"/>): a hash waits a little when the processor is busy serving requests, and a health probe or
/// a token refresh does not wait behind a queue of hashes (issue 10's login flood). With the processor idle, a hash runs
/// at full speed all the same.
/// </summary>
internal sealed class HashingThreads : IDisposable
{
    /// <summary>The hashing threads' nice value on Linux (0 is the default; 19 the lowest priority).</summary>
    internal const int Niceness = 10;

    private const int PrioProcess = 0;

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

    /// <summary>The calling thread's nice value on Linux (per thread there, whatever POSIX says of processes).</summary>
    internal static int CurrentThreadNiceness() => getpriority(PrioProcess, 0);

    // Blittable arguments only: no marshalling, so DllImport needs no unsafe code (LibraryImport's generator would).
    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, int who);

    private void Serve()
    {
        if (OperatingSystem.IsLinux() && CurrentThreadNiceness() < Niceness)
        {
            // Only ever lowered (a service already run under `nice` keeps its own); lowering one's own priority needs no
            // privilege, and should it fail, hashing runs at the service's priority.
            _ = setpriority(PrioProcess, 0, Niceness);
        }

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
