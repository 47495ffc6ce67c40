using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using MediatR;

namespace CleanAuth.Application.Admin.Queries.ListRoles;

/// <summary>Answered from the in-memory role catalog: no database round trip.</summary>
public sealed class ListRolesQueryHandler : IRequestHandler<ListRolesQuery, IReadOnlyList<RoleDto>>
{
    private readonly IRoleCatalog _roles;

    public ListRolesQueryHandler(IRoleCatalog roles) => _roles = roles;

    public Task<IReadOnlyList<RoleDto>> Handle(ListRolesQuery request, CancellationToken cancellationToken) => Task.FromResult(_roles.List());
}
