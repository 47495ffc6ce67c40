using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Queries.GetCurrentUser;

/// <summary>
/// The caller's own view, the hottest authenticated read: from this instance's cache of views when it has it (ADR-017),
/// else projected in the database, read-only. An account that is gone or inactive is 401, as a revoked session is.
/// </summary>
public sealed class GetCurrentUserQueryHandler : IRequestHandler<GetCurrentUserQuery, UserDto>
{
    private readonly ICurrentUser _currentUser;
    private readonly IUserViewCache _views;
    private readonly ISpecificationQueries _queries;

    public GetCurrentUserQueryHandler(ICurrentUser currentUser, IUserViewCache views, ISpecificationQueries queries)
    {
        _currentUser = currentUser;
        _views = views;
        _queries = queries;
    }

    public async Task<UserDto> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var userId = _currentUser.UserId ?? throw new UnauthenticatedException();
        return await _views.GetOrLoadAsync(userId, _queries, LoadAsync, cancellationToken) ?? throw new UnauthenticatedException();
    }

    private static async Task<UserDto?> LoadAsync(ISpecificationQueries queries, Guid userId, CancellationToken cancellationToken) =>
        (await queries.ProjectToListAsync<User, UserDto>(new ActiveUserViewSpec(userId), cancellationToken)).SingleOrDefault();
}
