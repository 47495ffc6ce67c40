using CleanAuth.Application.Common.Interfaces;

namespace CleanAuth.WebApi.Services;

/// <summary>
/// The server's operator, running a verb on its command line: authorized as an admin, with no user account behind it
/// (no user or session id), and marked as the operator so what it does is recorded with no user as the actor.
/// </summary>
public sealed class OperatorIdentity : ICurrentUser
{
    public static readonly OperatorIdentity Instance = new();

    private OperatorIdentity()
    {
    }

    public bool IsAuthenticated => true;

    public bool IsOperator => true;

    public Guid? UserId => null;

    public Guid? SessionId => null;

    public IReadOnlyList<string> Roles { get; } = [Domain.Authorization.RoleName.Admin];
}

/// <summary>Who a scope acts for: the request's bearer token (by default), or the operator on the command line.</summary>
public sealed class CallerScope
{
    public ICurrentUser? Override { get; private set; }

    /// <summary>From now on, this scope's <see cref="ICurrentUser"/> is the operator. Call it before resolving anything that uses it.</summary>
    public void ActAsOperator() => Override = OperatorIdentity.Instance;
}
