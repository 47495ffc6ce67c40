namespace CleanAuth.Application.Sessions.Queries.ListSessions;

/// <summary>A live session as its owner sees it: never a token or a hash.</summary>
public sealed record SessionDto(Guid Id, DateTime CreatedAt, DateTime LastUsedAt, DateTime ExpiresAt, string? IpAddress, string? UserAgent, bool Current);
