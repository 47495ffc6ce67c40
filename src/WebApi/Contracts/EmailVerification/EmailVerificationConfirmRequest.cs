using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.EmailVerification;

/// <summary>The token from the verification link.</summary>
public sealed record EmailVerificationConfirmRequest(string? Token)
{
    public override string ToString() => $"{nameof(EmailVerificationConfirmRequest)} {{ Token = {Redaction.Of(Token)} }}";
}
