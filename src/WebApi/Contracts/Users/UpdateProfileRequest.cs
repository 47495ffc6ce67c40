using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Users;

/// <summary>Fields to change; those left out stay as they are. A new email needs the current password.</summary>
public sealed record UpdateProfileRequest(string? Username, string? FullName, string? Email, string? CurrentPassword)
{
    public override string ToString() =>
        $"{nameof(UpdateProfileRequest)} {{ Username = {Username}, FullName = {FullName}, Email = {Email}, CurrentPassword = {Redaction.Of(CurrentPassword)} }}";
}
