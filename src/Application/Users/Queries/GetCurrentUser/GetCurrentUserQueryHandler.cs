using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Dtos;
using MediatR;

namespace CleanAuth.Application.Users.Queries.GetCurrentUser;

/// <summary>
/// The caller's own view, the hottest authenticated read (<see cref="ActiveUserViews"/>). An account that is gone or
/// inactive is 401, as a revoked session is.
/// </summary>
public sealed class GetCurrentUserQueryHandler : IRequestHandler<GetCurrentUserQuery, UserDto>
{
    private readonly ICurrentUser _currentUser;
    private readonly ActiveUserViews _views;

    public GetCurrentUserQueryHandler(ICurrentUser currentUser, ActiveUserViews views)
    {
        _currentUser = currentUser;
        _views = views;
    }

    public async Task<UserDto> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var userId = _currentUser.UserId ?? throw new UnauthenticatedException();
        return await _views.FindAsync(userId, cancellationToken) ?? throw new UnauthenticatedException();
    }
}
