using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Users.Commands.CreateAdmin;

/// <summary>
/// Creates an account with the roles <c>admin</c> and <c>user</c> and a verified email (the start-up bootstrap from
/// <c>Admin:*</c> and the <c>create-admin</c> verb, both as the operator, which <paramref name="Source"/> tells apart);
/// returns the new id. An email that already has an account is refused with EMAIL_TAKEN and that account is left as it is.
/// </summary>
[RequirePermission(Permissions.Roles.Assign)]
public sealed record CreateAdminCommand(string? Email, string? Username, string? Password, AdminSource Source, string? FullName = null) : ICommand<Result<Guid>>
{
    public override string ToString() =>
        $"{nameof(CreateAdminCommand)} {{ Email = {Email}, Username = {Username}, Password = {Redaction.Of(Password)}, Source = {Source}, FullName = {FullName} }}";
}
