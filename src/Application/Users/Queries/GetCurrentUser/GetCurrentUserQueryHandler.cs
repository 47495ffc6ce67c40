using AutoMapper;
using CleanAuth.Application.Common.Accounts;
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
        var user = await _users.GetCurrentAsync(_currentUser, cancellationToken);
        return _mapper.Map<UserDto>(user);
    }
}
