namespace CleanAuth.Application.Common.Interfaces;

/// <summary>The caller of the current request, as established by its access token (or the operator's command line).</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The server's operator on its command line: authorized as an admin, with no user account behind it.</summary>
    bool IsOperator { get; }

    Guid? UserId { get; }

    Guid? SessionId { get; }

    /// <summary>
    /// The caller's current roles: for a bearer token, those it was issued with unless they changed since, in which case
    /// the current ones (the bearer check replaces them, ADR-006).
    /// </summary>
    IReadOnlyList<string> Roles { get; }
}
