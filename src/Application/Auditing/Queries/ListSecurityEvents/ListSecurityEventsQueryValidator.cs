using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Auditing.Queries.ListSecurityEvents;

public sealed class ListSecurityEventsQueryValidator : AbstractValidator<ListSecurityEventsQuery>
{
    public ListSecurityEventsQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}
