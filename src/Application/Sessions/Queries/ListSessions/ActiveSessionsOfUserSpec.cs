using Ardalis.Specification;
using CleanAuth.Domain.Sessions;

namespace CleanAuth.Application.Sessions.Queries.ListSessions;

/// <summary>A user's live sessions, newest first, projected for display (the current one marked).</summary>
public sealed class ActiveSessionsOfUserSpec : Specification<Session, SessionDto>
{
    public const int MaxSessions = 200;

    public ActiveSessionsOfUserSpec(Guid userId, Guid? currentSessionId, DateTime now)
    {
        Query.Where(s => s.UserId == userId)
            .Where(Session.ActiveAt(now))
            .OrderByDescending(s => s.CreatedAt)
            .Take(MaxSessions);
        Query.Select(s => new SessionDto(s.Id, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.IpAddress, s.UserAgent, s.Id == currentSessionId));
    }
}
