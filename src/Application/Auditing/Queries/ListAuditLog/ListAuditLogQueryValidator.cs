using CleanAuth.Application.Common.Validation;
using CleanAuth.Domain.Auditing;
using FluentValidation;

namespace CleanAuth.Application.Auditing.Queries.ListAuditLog;

public sealed class ListAuditLogQueryValidator : AbstractValidator<ListAuditLogQuery>
{
    public ListAuditLogQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.UserId).ValidGuid("user_id");
        RuleFor(q => q.ActorId).ValidGuid("actor_id");
        RuleFor(q => q.EventType).OneOf("event_type", AuditEventType.All);
        RuleFor(q => q.From).ValidInstant("from");
        RuleFor(q => q.To).ValidInstant("to");
    }
}
