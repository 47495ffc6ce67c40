using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Dtos;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>A view cache that never holds anything: every call loads.</summary>
internal sealed class PassThroughUserViews : IUserViewCache
{
    public int Loads { get; private set; }

    public async ValueTask<UserDto?> GetOrLoadAsync<TState>(
        Guid userId, TState state, Func<TState, Guid, CancellationToken, Task<UserDto?>> load, CancellationToken cancellationToken)
    {
        Loads++;
        return await load(state, userId, cancellationToken);
    }
}
