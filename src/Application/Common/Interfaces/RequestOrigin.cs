namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// Where a request came from (<see cref="IRequestContext"/>), captured when it queues background work so that what the work
/// records is attributed to that request: its client address, user agent and trace id.
/// </summary>
public sealed record RequestOrigin(string? IpAddress, string? UserAgent, string? TraceId)
{
    private static readonly AsyncLocal<RequestOrigin?> s_replayed = new();

    /// <summary>The origin background work is replaying on this async flow, or null.</summary>
    public static RequestOrigin? Replayed => s_replayed.Value;

    public static RequestOrigin Of(IRequestContext request) => new(request.IpAddress, request.UserAgent, request.TraceId);

    /// <summary>Until disposed, this async flow is <paramref name="origin"/>'s work: <see cref="IRequestContext"/> answers with it.</summary>
    public static IDisposable Replay(RequestOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var previous = s_replayed.Value;
        s_replayed.Value = origin;
        return new Restore(previous);
    }

    private sealed class Restore(RequestOrigin? previous) : IDisposable
    {
        public void Dispose() => s_replayed.Value = previous;
    }
}
