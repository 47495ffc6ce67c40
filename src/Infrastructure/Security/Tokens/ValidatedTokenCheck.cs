using System.Security.Claims;
using CleanAuth.Application.Common.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// The bearer handler's last word on an access token whose signature, type, issuer, audience and times are valid (the
/// body of its <c>OnTokenValidated</c>): the token's session must not be revoked (<see cref="RevokedSessionRegistry"/>,
/// ADR-010) and its account not deleted, and an account whose roles changed recently acts with its current roles, not
/// the token's (<see cref="RoleChangeRegistry"/>, ADR-006). Everything downstream (<c>ICurrentUser.Roles</c>, the
/// authorization behaviour) reads the principal, so it sees the current roles. No database round trip; for a user with
/// no recent change (nearly every request) it costs two dictionary lookups and allocates nothing.
/// </summary>
internal sealed class ValidatedTokenCheck
{
    private readonly RevokedSessionRegistry _revokedSessions;
    private readonly RoleChangeRegistry _roleChanges;

    public ValidatedTokenCheck(RevokedSessionRegistry revokedSessions, RoleChangeRegistry roleChanges)
    {
        _revokedSessions = revokedSessions;
        _roleChanges = roleChanges;
    }

    /// <summary>
    /// False when the token must be refused (no session or user id, a revoked session, a deleted account); otherwise
    /// true, with <paramref name="principal"/>'s roles made current if they changed since the token may have been issued.
    /// </summary>
    public bool Admit(ClaimsPrincipal? principal, SecurityToken? token)
    {
        // Read from the validated token itself: its registered claims are already parsed, so this allocates nothing.
        if (principal is null || token is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>(AccessTokenClaims.SessionId, out var sid) || !Guid.TryParse(sid, out var sessionId)
            || !Guid.TryParse(jwt.Subject, out var userId)
            || _revokedSessions.IsRevoked(sessionId))
        {
            return false;
        }

        if (!_roleChanges.TryGet(userId, out var change))
        {
            return true;
        }

        return !change.IsDeleted && TryUseRoles(principal, change.Roles, jwt.Issuer);
    }

    /// <summary>The rare path (a recent role change): the token's role claims give way to <paramref name="roles"/>.</summary>
    private static bool TryUseRoles(ClaimsPrincipal principal, IReadOnlyList<string> roles, string issuer)
    {
        if (principal.Identity is not ClaimsIdentity identity)
        {
            return false;
        }

        foreach (var owner in principal.Identities)
        {
            foreach (var stale in owner.FindAll(AccessTokenClaims.Roles).ToArray())
            {
                // A claim that cannot be removed would keep the old roles: refuse the token rather than honour them.
                if (!owner.TryRemoveClaim(stale))
                {
                    return false;
                }
            }
        }

        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(AccessTokenClaims.Roles, role, ClaimValueTypes.String, issuer));
        }

        return true;
    }
}
