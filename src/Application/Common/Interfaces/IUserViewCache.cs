using CleanAuth.Application.Users.Dtos;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// This instance's recent views of accounts (<see cref="UserDto"/>) for the authenticated hot path (ADR-017): a view is
/// served until any committed change to its account on this instance drops it, and for at most
/// <c>Performance:UserCacheSeconds</c> (a change on another instance shows within that time).
/// </summary>
public interface IUserViewCache
{
    /// <summary>
    /// The cached view of <paramref name="userId"/>, or else what <paramref name="load"/> reads (cached unless a change
    /// committed while it read). A null load (no such active account) is not cached.
    /// </summary>
    ValueTask<UserDto?> GetOrLoadAsync<TState>(
        Guid userId, TState state, Func<TState, Guid, CancellationToken, Task<UserDto?>> load, CancellationToken cancellationToken);
}
