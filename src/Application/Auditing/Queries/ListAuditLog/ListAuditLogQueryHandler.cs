using CleanAuth.Application.Auditing.Common;
using CleanAuth.Application.Auditing.Dtos;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Application.Common.Validation;
using CleanAuth.Domain.Auditing;
using MediatR;

namespace CleanAuth.Application.Auditing.Queries.ListAuditLog;

public sealed class ListAuditLogQueryHandler : IRequestHandler<ListAuditLogQuery, PageDto<AuditLogEntryDto>>
{
    private readonly ISpecificationQueries _queries;

    public ListAuditLogQueryHandler(ISpecificationQueries queries) => _queries = queries;

    public Task<PageDto<AuditLogEntryDto>> Handle(ListAuditLogQuery request, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(request.Page, request.PageSize);
        var filter = new AuditLogFilter(
            QueryParameters.Validated<Guid?>(request.UserId, QueryParameters.TryParseGuid, "user_id"),
            QueryParameters.Validated<Guid?>(request.ActorId, QueryParameters.TryParseGuid, "actor_id"),
            request.EventType,
            QueryParameters.Validated<DateTime?>(request.From, QueryParameters.TryParseInstant, "from"),
            QueryParameters.Validated<DateTime?>(request.To, QueryParameters.TryParseInstant, "to"));
        return _queries.PageAsync<AuditLogEntry, AuditLogEntryDto>(new AuditLogPageSpec(filter, page), page, cancellationToken);
    }
}
