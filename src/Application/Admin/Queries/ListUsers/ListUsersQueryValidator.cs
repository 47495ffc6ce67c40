using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Validation;
using CleanAuth.Domain.Authorization;
using FluentValidation;

namespace CleanAuth.Application.Admin.Queries.ListUsers;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator(IRoleCatalog roles)
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.Search)
            .Cascade(CascadeMode.Stop)
            .NoControlCharacters().WithMessage("search must not contain control characters.")
            .Must(s => s is null || s.Trim().Length <= AdminUserListSpec.MaxSearchLength)
            .WithMessage($"search must be at most {AdminUserListSpec.MaxSearchLength} characters.");
        RuleFor(q => q.Role)
            .Must(r => r is null || (RoleName.IsValid(r) && roles.Exists(r))).WithMessage("role must be an existing role.");
        RuleFor(q => q.IsActive).ValidBoolean("is_active");
        RuleFor(q => q.EmailVerified).ValidBoolean("email_verified");
        RuleFor(q => q.SortBy).OneOf("sort_by", UserListSorting.FieldNames);
        RuleFor(q => q.SortOrder).OneOf("sort_order", UserListSorting.Orders);
    }
}
