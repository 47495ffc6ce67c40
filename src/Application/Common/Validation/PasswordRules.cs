using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Validation;

/// <summary>
/// The checks on a new password that need the account (its email and username as context words, its current
/// hash). Registration applies the same policy in its validator; change and reset apply it here, in the handler.
/// </summary>
public static class PasswordRules
{
    public static async Task EnsureAcceptableNewPasswordAsync(
        this IPasswordHasher hasher, IPasswordPolicy policy, User user, string newPassword, string field, CancellationToken cancellationToken)
    {
        var localPart = Email.TryCreate(user.Email, out var email) ? email.LocalPart : null;
        var reasons = policy.Check(newPassword, [localPart, user.Username]);
        if (reasons.Count > 0)
        {
            throw new AppValidationException(new Dictionary<string, string[]> { [field] = [.. reasons] });
        }

        if (await hasher.VerifyAsync(newPassword, user.PasswordHash, cancellationToken) != PasswordVerification.Failed)
        {
            throw new AppValidationException(new Dictionary<string, string[]> { [field] = ["The new password must differ from the current one."] });
        }
    }
}
