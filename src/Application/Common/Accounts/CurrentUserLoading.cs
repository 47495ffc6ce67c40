using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Accounts;

public static class CurrentUserLoading
{
    /// <summary>The caller's account; a token whose account is gone or deactivated no longer authenticates anyone.</summary>
    public static async Task<User> GetCurrentAsync(this IUserRepository users, ICurrentUser currentUser, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(currentUser.UserId ?? throw new UnauthenticatedException(), cancellationToken);
        return user is { IsActive: true } ? user : throw new UnauthenticatedException();
    }
}
