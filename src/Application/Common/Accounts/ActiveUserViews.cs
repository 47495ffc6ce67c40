using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Accounts;

/// <summary>
/// The view of an active account on the hot paths (<c>GET /users/me</c>, refresh): from this instance's cache when it
/// has it (ADR-017), else projected in the database, read-only. Null when the account is gone or inactive.
/// </summary>
public sealed class ActiveUserViews
{
    private readonly IUserViewCache _views;
    private readonly ISpecificationQueries _queries;

    public ActiveUserViews(IUserViewCache views, ISpecificationQueries queries)
    {
        _views = views;
        _queries = queries;
    }

    public ValueTask<UserDto?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        _views.GetOrLoadAsync(userId, _queries, LoadAsync, cancellationToken);

    private static async Task<UserDto?> LoadAsync(ISpecificationQueries queries, Guid userId, CancellationToken cancellationToken) =>
        (await queries.ProjectToListAsync<User, UserDto>(new ActiveUserViewSpec(userId), cancellationToken)).SingleOrDefault();
}
