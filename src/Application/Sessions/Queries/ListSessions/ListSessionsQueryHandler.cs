using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Sessions;
using MediatR;

namespace CleanAuth.Application.Sessions.Queries.ListSessions;

public sealed class ListSessionsQueryHandler : IRequestHandler<ListSessionsQuery, IReadOnlyList<SessionDto>>
{
    private readonly ICurrentUser _currentUser;
    private readonly ISpecificationQueries _queries;
    private readonly TimeProvider _clock;

    public ListSessionsQueryHandler(ICurrentUser currentUser, ISpecificationQueries queries, TimeProvider clock)
    {
        _currentUser = currentUser;
        _queries = queries;
        _clock = clock;
    }

    public async Task<IReadOnlyList<SessionDto>> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var userId = _currentUser.UserId ?? throw new UnauthenticatedException();
        var spec = new ActiveSessionsOfUserSpec(userId, _currentUser.SessionId, _clock.GetUtcNow().UtcDateTime);
        return await _queries.ListAsync<Session, SessionDto>(spec, cancellationToken);
    }
}
