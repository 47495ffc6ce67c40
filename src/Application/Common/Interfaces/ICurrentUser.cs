namespace CleanAuth.Application.Common.Interfaces;

/// <summary>The caller of the current request, as established by its access token.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid? UserId { get; }

    Guid? SessionId { get; }

    IReadOnlyList<string> Roles { get; }
}
