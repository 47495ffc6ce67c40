using CleanAuth.Application.Auditing.Common;
using CleanAuth.Application.Auditing.Dtos;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Domain.Auditing;
using MediatR;

namespace CleanAuth.Application.Auditing.Queries.ListSecurityEvents;

public sealed class ListSecurityEventsQueryHandler : IRequestHandler<ListSecurityEventsQuery, PageDto<AuditLogEntryDto>>
{
    private readonly ICurrentUser _currentUser;
    private readonly ISpecificationQueries _queries;

    public ListSecurityEventsQueryHandler(ICurrentUser currentUser, ISpecificationQueries queries)
    {
        _currentUser = currentUser;
        _queries = queries;
    }

    public Task<PageDto<AuditLogEntryDto>> Handle(ListSecurityEventsQuery request, CancellationToken cancellationToken)
    {
        var userId = _currentUser.UserId ?? throw new UnauthenticatedException();
        var page = PageRequest.Parse(request.Page, request.PageSize);
        return _queries.PageAsync<AuditLogEntry, AuditLogEntryDto>(new AuditLogPageSpec(new AuditLogFilter(UserId: userId), page), page, cancellationToken);
    }
}
