using AutoMapper;
using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Admin.Common;

/// <summary>Reads one user as administrators see it: for the admin get route and the answers of admin changes.</summary>
public sealed class AdminUserReader
{
    private readonly IUserRepository _users;
    private readonly ISessionRepository _sessions;
    private readonly IMapper _mapper;
    private readonly TimeProvider _clock;

    public AdminUserReader(IUserRepository users, ISessionRepository sessions, IMapper mapper, TimeProvider clock)
    {
        _users = users;
        _sessions = sessions;
        _mapper = mapper;
        _clock = clock;
    }

    /// <summary>The user with this id as it now stands (changes of this unit of work included), or null.</summary>
    public async Task<AdminUserDetailsDto?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await _users.GetByIdAsync(id, cancellationToken);
        return user is null ? null : await DescribeAsync(user, cancellationToken);
    }

    /// <summary>The loaded <paramref name="user"/> with its active session count.</summary>
    public async Task<AdminUserDetailsDto> DescribeAsync(User user, CancellationToken cancellationToken)
    {
        var activeSessions = await _sessions.CountActiveByUserAsync(user.Id, _clock.GetUtcNow().UtcDateTime, cancellationToken);
        return _mapper.Map<AdminUserDetailsDto>(user) with { ActiveSessions = activeSessions };
    }
}
