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
    private readonly IListCounts _counts;

    public ListAuditLogQueryHandler(ISpecificationQueries queries, IListCounts counts)
    {
        _queries = queries;
        _counts = counts;
    }

    public async Task<PageDto<AuditLogEntryDto>> Handle(ListAuditLogQuery request, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(request.Page, request.PageSize);
        var filter = new AuditLogFilter(
            QueryParameters.Validated<Guid?>(request.UserId, QueryParameters.TryParseGuid, "user_id"),
            QueryParameters.Validated<Guid?>(request.ActorId, QueryParameters.TryParseGuid, "actor_id"),
            request.EventType,
            QueryParameters.Validated<DateTime?>(request.From, QueryParameters.TryParseInstant, "from"),
            QueryParameters.Validated<DateTime?>(request.To, QueryParameters.TryParseInstant, "to"));
        var specification = new AuditLogPageSpec(filter, page);

        // The whole log or one event type: a total over millions of entries, kept rather than counted (ADR-016).
        return filter.CountFrom(await _counts.GetAsync(cancellationToken)) is { } total
            ? await _queries.PageAsync<AuditLogEntry, AuditLogEntryDto>(specification, page, total, cancellationToken)
            : await _queries.PageAsync<AuditLogEntry, AuditLogEntryDto>(specification, page, cancellationToken);
    }
}
