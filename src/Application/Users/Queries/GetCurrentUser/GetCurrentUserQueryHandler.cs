using AutoMapper;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Queries.GetCurrentUser;

public sealed class GetCurrentUserQueryHandler : IRequestHandler<GetCurrentUserQuery, UserDto>
{
    private readonly ICurrentUser _currentUser;
    private readonly IUserRepository _users;
    private readonly IMapper _mapper;

    public GetCurrentUserQueryHandler(ICurrentUser currentUser, IUserRepository users, IMapper mapper)
    {
        _currentUser = currentUser;
        _users = users;
        _mapper = mapper;
    }

    public async Task<UserDto> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var user = await _users.GetByIdAsync(_currentUser.UserId ?? throw new UnauthenticatedException(), cancellationToken);

        // A token whose account is gone or deactivated no longer authenticates anyone.
        if (user is null || !user.IsActive)
        {
            throw new UnauthenticatedException();
        }

        return _mapper.Map<UserDto>(user);
    }
}
