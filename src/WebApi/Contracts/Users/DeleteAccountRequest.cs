using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Users;

/// <summary>The password, to confirm deleting the account.</summary>
public sealed record DeleteAccountRequest(string? Password)
{
    public override string ToString() => $"{nameof(DeleteAccountRequest)} {{ Password = {Redaction.Of(Password)} }}";
}
