using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Users.Commands.UpdateProfile;

/// <summary>
/// Changes the caller's username, full name or email (fields left null stay as they are; an empty full name clears it).
/// A new email needs the current password and stays pending until confirmed from a link mailed to it.
/// </summary>
[RequirePermission(Permissions.Account.ManageSelf)]
public sealed record UpdateProfileCommand(string? Username, string? FullName, string? Email, string? CurrentPassword) : ICommand<Result<UserDto>>
{
    public override string ToString() =>
        $"{nameof(UpdateProfileCommand)} {{ Username = {Username}, FullName = {FullName}, Email = {Email}, CurrentPassword = {Redaction.Of(CurrentPassword)} }}";
}
