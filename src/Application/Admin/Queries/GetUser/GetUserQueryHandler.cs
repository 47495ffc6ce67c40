using CleanAuth.Application.Admin.Common;
using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Admin.Queries.GetUser;

public sealed class GetUserQueryHandler : IRequestHandler<GetUserQuery, Result<AdminUserDetailsDto>>
{
    private readonly AdminUserReader _reader;

    public GetUserQueryHandler(AdminUserReader reader) => _reader = reader;

    public async Task<Result<AdminUserDetailsDto>> Handle(GetUserQuery request, CancellationToken cancellationToken) =>
        await _reader.FindAsync(request.Id, cancellationToken) is { } user ? user : UserErrors.NotFound;
}
