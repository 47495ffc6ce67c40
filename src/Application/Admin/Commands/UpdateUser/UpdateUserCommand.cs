using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Admin.Commands.UpdateUser;

/// <summary>
/// An administrator changes an account's username, email, full name or verified flag; null fields stay as they are
/// (an empty full name clears it). A new email applies at once: the pending one is dropped, links mailed to the old
/// address stop working, the old address gets a notice, and it is unverified unless <see cref="EmailVerified"/> is true.
/// </summary>
[RequirePermission(Permissions.Users.Write)]
public sealed record UpdateUserCommand(Guid UserId, string? Username, string? Email, string? FullName, bool? EmailVerified)
    : ICommand<Result<AdminUserDetailsDto>>;
