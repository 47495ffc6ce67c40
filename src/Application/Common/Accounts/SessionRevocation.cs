using CleanAuth.Domain.Sessions;

namespace CleanAuth.Application.Common.Accounts;

public static class SessionRevocation
{
    /// <summary>Revokes every live session of the user, except <paramref name="keep"/>. Their access tokens stop at once.</summary>
    public static async Task RevokeAllAsync(
        this ISessionRepository sessions, Guid userId, SessionRevocationReason reason, DateTime now, CancellationToken cancellationToken, Guid? keep = null)
    {
        foreach (var session in await sessions.ListActiveByUserAsync(userId, now, cancellationToken))
        {
            if (session.Id != keep)
            {
                session.Revoke(reason, now);
            }
        }
    }
}
