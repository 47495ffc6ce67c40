using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Admin.Common;

/// <summary>
/// The guards of the admin changes that can take an account's admin role or account away (roles, deactivation,
/// deletion), in their order, after validation and the 404: first LAST_ADMIN, then CANNOT_MODIFY_SELF (ADR-015).
/// </summary>
public sealed class AdminChangeGuards
{
    private readonly IUserRepository _users;
    private readonly ICurrentUser _currentUser;

    public AdminChangeGuards(IUserRepository users, ICurrentUser currentUser)
    {
        _users = users;
        _currentUser = currentUser;
    }

    /// <summary>
    /// Takes the administrators' lock, then loads the account (null when unknown): loaded after the lock, it already
    /// shows what a change that held the lock before committed.
    /// </summary>
    public async Task<User?> LockAndFindAsync(Guid userId, CancellationToken cancellationToken)
    {
        await _users.LockAdministratorsAsync(cancellationToken);
        return await _users.GetByIdAsync(userId, cancellationToken);
    }

    /// <summary>
    /// <see cref="UserErrors.LastAdmin"/> when the change <paramref name="removesAdmin"/> from <paramref name="target"/>
    /// and it is the last active administrator; else <see cref="UserErrors.CannotModifySelf"/> when it is the caller;
    /// else null. Call it under the lock of <see cref="LockAndFindAsync"/>.
    /// </summary>
    public async Task<Error?> CheckAsync(User target, bool removesAdmin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (removesAdmin && await _users.IsLastActiveAdminAsync(target.Id, cancellationToken))
        {
            return UserErrors.LastAdmin;
        }

        return target.Id == _currentUser.UserId ? UserErrors.CannotModifySelf : null;
    }
}
