namespace CleanAuth.Application.Common.Interfaces;

/// <summary>The caller of the current request, as established by its access token (or the operator's command line).</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The server's operator on its command line: authorized as an admin, with no user account behind it.</summary>
    bool IsOperator { get; }

    Guid? UserId { get; }

    Guid? SessionId { get; }

    IReadOnlyList<string> Roles { get; }
}
